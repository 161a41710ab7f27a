// SPDX-License-Identifier: LGPL-2.1-or-later
/* the library context: refcount, logging, the last error */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>
#include "config.h"
#include "private.h"

static void log_stderr(struct daxpool_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	(void)ctx; (void)priority; (void)file; (void)line;
	fprintf(stderr, "libdaxpool: %s: ", fn);
	vfprintf(stderr, format, args);
}

void daxpool_log(struct daxpool_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
}

static int log_priority(const char *s)
{
	char *end;
	long prio;

	prio = strtol(s, &end, 10);
	if (end != s && (*end == '\0' || *end == '\n'))
		return (int)prio;
	if (strncmp(s, "err", 3) == 0)
		return LOG_ERR;
	if (strncmp(s, "info", 4) == 0)
		return LOG_INFO;
	if (strncmp(s, "debug", 5) == 0)
		return LOG_DEBUG;
	return LOG_ERR;
}

DAXPOOL_EXPORT int daxpool_new(struct daxpool_ctx **ctx)
{
	struct daxpool_ctx *c;
	const char *env;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->refcount = 1;
	pthread_mutex_init(&c->lock, NULL);
	c->log_fn = log_stderr;
	c->log_priority = LOG_ERR;
	c->admin_fd = -1;
	c->hint.sysfs_fd = c->hint.rec_fd = -1;
	/* only the log level comes from the environment, never a path */
	env = secure_getenv("DAXPOOL_LOG");
	if (env)
		c->log_priority = log_priority(env);
	snprintf(c->confdir, sizeof(c->confdir), "%s", DAXPOOL_CONFDIR);
	snprintf(c->lockfile, sizeof(c->lockfile), "%s", DAXPOOL_LOCKFILE);
	*ctx = c;
	return 0;
}

DAXPOOL_EXPORT struct daxpool_ctx *daxpool_ref(struct daxpool_ctx *ctx)
{
	if (ctx)
		__atomic_add_fetch(&ctx->refcount, 1, __ATOMIC_RELAXED);
	return ctx;
}

DAXPOOL_EXPORT struct daxpool_ctx *daxpool_unref(struct daxpool_ctx *ctx)
{
	if (!ctx)
		return NULL;
	/* maps hold references and may be closed from any thread */
	if (__atomic_sub_fetch(&ctx->refcount, 1, __ATOMIC_ACQ_REL) > 0)
		return ctx;
	pthread_mutex_destroy(&ctx->lock);
	dp_pools_free(ctx);
	if (ctx->admin_fd >= 0)
		close(ctx->admin_fd);
	dp_hint_reset(ctx);
	dp_ndctl_reset(ctx);
	free(ctx);
	return NULL;
}

DAXPOOL_EXPORT void daxpool_set_log_fn(struct daxpool_ctx *ctx,
		daxpool_log_fn log_fn)
{
	ctx->log_fn = log_fn ? log_fn : log_stderr;
}

DAXPOOL_EXPORT int daxpool_get_log_priority(struct daxpool_ctx *ctx)
{
	return ctx->log_priority;
}

DAXPOOL_EXPORT void daxpool_set_log_priority(struct daxpool_ctx *ctx,
		int priority)
{
	ctx->log_priority = priority;
}

DAXPOOL_EXPORT void daxpool_set_userdata(struct daxpool_ctx *ctx, void *u)
{
	ctx->userdata = u;
}

DAXPOOL_EXPORT void *daxpool_get_userdata(struct daxpool_ctx *ctx)
{
	return ctx->userdata;
}

DAXPOOL_EXPORT const char *daxpool_get_error(struct daxpool_ctx *ctx)
{
	return ctx->error;
}

DAXPOOL_EXPORT const char *daxpool_get_confdir(struct daxpool_ctx *ctx)
{
	return ctx->confdir;
}

/*
 * The first failure of an operation is the one the user needs; what fails
 * later while rolling back is only logged.
 */
int dp_fail(struct daxpool_ctx *ctx, int errnum, const char *fmt, ...)
{
	char msg[sizeof(ctx->error)];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	dbg(ctx, "%s (%s)\n", msg, strerror(errnum));
	if (!ctx->error[0])
		snprintf(ctx->error, sizeof(ctx->error), "%s", msg);
	return -errnum;
}

void dp_clear_error(struct daxpool_ctx *ctx)
{
	ctx->error[0] = '\0';
	ctx->warning[0] = '\0';
}

/* warnings of one operation add up: each is something the user should know */
void dp_warn(struct daxpool_ctx *ctx, const char *fmt, ...)
{
	size_t used = strlen(ctx->warning);
	char msg[sizeof(ctx->warning)];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	dbg(ctx, "warning: %s\n", msg);
	snprintf(ctx->warning + used, sizeof(ctx->warning) - used, "%s%s",
			used ? "; " : "", msg);
}

DAXPOOL_EXPORT const char *daxpool_get_warning(struct daxpool_ctx *ctx)
{
	return ctx->warning;
}

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

	if (!ctx || daxpool_get_log_priority(ctx) < LOG_DEBUG)
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
	if (daxpool_get_log_priority(ctx) >= LOG_DEBUG)
		ndctl_set_log_priority(ctx->ndctl, LOG_DEBUG);
	else
		ndctl_set_log_priority(ctx->ndctl, LOG_ERR);
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
	daxctl_set_userdata(ctx->daxctl, ctx);
	daxctl_set_log_fn(ctx->daxctl, daxctl_to_daxpool);
	daxctl_set_log_priority(ctx->daxctl,
			daxpool_get_log_priority(ctx) >= LOG_DEBUG ? LOG_DEBUG :
								     LOG_ERR);
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
