#pragma once
/// @file
/// @brief Includes every public header of vaekit.

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/version.hpp"

/// The vaekit library: the model of France's VAE counselling networks.
namespace vaekit {}
#include "vaekit/registry/certification.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/rome.hpp"
