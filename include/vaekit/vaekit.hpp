#pragma once
/// @file
/// @brief Includes every public header of vaekit.

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/names.hpp"
#include "vaekit/version.hpp"

/// The vaekit library: the model of France's VAE counselling networks.
namespace vaekit {}
#include "vaekit/registry/certification.hpp"
#include "vaekit/registry/changes.hpp"
#include "vaekit/registry/registry.hpp"
#include "vaekit/registry/rome.hpp"
#include "vaekit/pathway/case.hpp"
#include "vaekit/pathway/eligibility.hpp"
#include "vaekit/pathway/event.hpp"
#include "vaekit/pathway/event_log.hpp"
#include "vaekit/pathway/rational.hpp"
#include "vaekit/pathway/regime.hpp"
#include "vaekit/pathway/transitions.hpp"
#include "vaekit/pathway/due.hpp"
#include "vaekit/store/case_store.hpp"
#include "vaekit/analytics/columnar_log.hpp"
#include "vaekit/analytics/disclosure.hpp"
#include "vaekit/analytics/process.hpp"
#include "vaekit/analytics/pseudonym.hpp"
#include "vaekit/analytics/report.hpp"
#include "vaekit/analytics/table.hpp"
#include "vaekit/pathway/suggestions.hpp"
#include "vaekit/pathway/orientation.hpp"
#include "vaekit/pathway/admissibility.hpp"
#include "vaekit/pathway/appointments.hpp"
#include "vaekit/training/model.hpp"
#include "vaekit/training/scheduler.hpp"
