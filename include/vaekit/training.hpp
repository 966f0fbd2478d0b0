#pragma once
/// @file
/// @brief Includes the training area: the professionalisation programme, its scheduler,
/// attendance, evaluations, staff qualification, the training indicators and the community.

#include "vaekit/training/attendance.hpp"
#include "vaekit/training/community.hpp"
#include "vaekit/training/evaluation.hpp"
#include "vaekit/training/indicators.hpp"
#include "vaekit/training/model.hpp"
#include "vaekit/training/quality.hpp"
#include "vaekit/training/scheduler.hpp"
#include "vaekit/training/staff.hpp"
