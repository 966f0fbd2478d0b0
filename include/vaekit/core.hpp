#pragma once
/// @file
/// @brief Includes the core area: dates, calendar, errors, JSON conventions, file helpers.

#include "vaekit/core/calendar.hpp"
#include "vaekit/core/date.hpp"
#include "vaekit/core/error.hpp"
#include "vaekit/core/io.hpp"
#include "vaekit/core/json.hpp"
#include "vaekit/core/names.hpp"
#include "vaekit/core/organisations.hpp"
#include "vaekit/core/reject.hpp"
#include "vaekit/core/text.hpp"
