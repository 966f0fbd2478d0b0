#pragma once
/// @file
/// @brief Includes the training area: the professionalisation programme, its scheduler,
/// attendance, evaluations, staff qualification and the community.

#include "vaekit/training/model.hpp"
#include "vaekit/training/scheduler.hpp"
