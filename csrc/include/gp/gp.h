/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Umbrella header of the engine's public C API. */
#ifndef GP_H
#define GP_H

#include "gp_error.h"
#include "gp_log.h"
#include "gp_props.h"
#include "gp_caps.h"
#include "gp_event.h"
#include "gp_packet.h"
#include "gp_pid.h"
#include "gp_filter.h"
#include "gp_session.h"
#include "gp_io.h"

#define GP_VERSION "0.1.0"

#endif /* GP_H */
