// SPDX-License-Identifier: LGPL-2.1-or-later
/* libndctl's and libdaxctl's contexts, opened on first use and dropped
 * together when dax devices change */
#include <stdarg.h>
#include <stdio.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>
#include "core/private.h"

/*
 * libndctl's and libdaxctl's messages join ours at debug level: they
 * report, as errors, a namespace or device that vanished while they were
 * listing them, which a concurrent destroy makes happen and which changes
 * nothing for us (the pool simply is no longer there). DAXPOOL_LOG=debug
 * shows them.
 */
static void relay(struct daxpool_ctx *ctx, const char *lib, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	char msg[512];

	if (!ctx || ctx->log_priority < LOG_DEBUG)
		return;
	vsnprintf(msg, sizeof(msg), format, args);
	daxpool_log(ctx, LOG_DEBUG, file, line, fn, "%s: %s", lib, msg);
}

static void ndctl_to_daxpool(struct ndctl_ctx *nctx, int priority,
		const char *file, int line, const char *fn, const char *format,
		va_list args)
{
	(void)priority;
	relay(ndctl_get_userdata(nctx), "libndctl", file, line, fn, format,
			args);
}

static void daxctl_to_daxpool(struct daxctl_ctx *dctx, int priority,
		const char *file, int line, const char *fn, const char *format,
		va_list args)
{
	(void)priority;
	relay(daxctl_get_userdata(dctx), "libdaxctl", file, line, fn, format,
			args);
}

/* DCTX's messages join ours at debug level, like libndctl's */
static void daxctl_quiet(struct daxpool_ctx *ctx, struct daxctl_ctx *dctx)
{
	if (!dctx)
		return;
	daxctl_set_userdata(dctx, ctx);
	daxctl_set_log_fn(dctx, daxctl_to_daxpool);
	daxctl_set_log_priority(dctx,
			ctx->log_priority >= LOG_DEBUG ? LOG_DEBUG : LOG_ERR);
}

struct ndctl_ctx *dp_ndctl(struct daxpool_ctx *ctx)
{
	if (ctx->ndctl)
		return ctx->ndctl;
	if (ndctl_new(&ctx->ndctl) < 0) {
		ctx->ndctl = NULL;
		return NULL;
	}
	ndctl_set_userdata(ctx->ndctl, ctx);
	ndctl_set_log_fn(ctx->ndctl, ndctl_to_daxpool);
	/* only as much as will be shown: libndctl formats what it logs */
	if (ctx->log_priority >= LOG_DEBUG)
		ndctl_set_log_priority(ctx->ndctl, LOG_DEBUG);
	else
		ndctl_set_log_priority(ctx->ndctl, LOG_ERR);
	/*
	 * libndctl lists a namespace's dax devices with a libdaxctl context
	 * of its own, which would print to stderr: a device that a
	 * concurrent destroy removed ("add_dev() failed") broke `daxpool
	 * list`'s quiet output while others destroyed pools
	 */
	daxctl_quiet(ctx, ndctl_get_daxctl_ctx(ctx->ndctl));
	return ctx->ndctl;
}

struct daxctl_ctx *dp_daxctl(struct daxpool_ctx *ctx)
{
	if (ctx->daxctl)
		return ctx->daxctl;
	if (daxctl_new(&ctx->daxctl) < 0) {
		ctx->daxctl = NULL;
		return NULL;
	}
	daxctl_quiet(ctx, ctx->daxctl);
	return ctx->daxctl;
}

/* both libraries cache what they saw: a change to dax devices drops both */
void dp_ndctl_reset(struct daxpool_ctx *ctx)
{
	if (ctx->ndctl)
		ndctl_unref(ctx->ndctl);
	ctx->ndctl = NULL;
	if (ctx->daxctl)
		daxctl_unref(ctx->daxctl);
	ctx->daxctl = NULL;
}
