#pragma once
/// @file
/// @brief Includes every public header of vaekit.

#include "vaekit/version.hpp"
#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/json.hpp"

/// The vaekit library: the model of France's VAE counselling networks.
namespace vaekit {}
