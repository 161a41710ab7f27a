// SPDX-License-Identifier: LGPL-2.1-or-later
/* the library context: its lifetime and settings (log.c: logging and the
 * last error; kernel-libs.c: libndctl's and libdaxctl's contexts) */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ndctl/libndctl.h>
#include <daxctl/libdaxctl.h>
#include "config.h"
#include "core/private.h"

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
	c->log_fn = dp_log_stderr;
	c->log_priority = LOG_ERR;
	c->admin_fd = -1;
	dp_hint_init(&c->hint);
	/* only the log level comes from the environment, never a path */
	env = secure_getenv("DAXPOOL_LOG");
	if (env)
		c->log_priority = log_priority(env);
	snprintf(c->confdir, sizeof(c->confdir), "%s", DAXPOOL_CONFDIR);
	snprintf(c->statedir, sizeof(c->statedir), "%s", DAXPOOL_STATEDIR);
	snprintf(c->cdidir, sizeof(c->cdidir), "%s", DAXPOOL_CDIDIR);
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
	dp_hint_free(&ctx->hint);
	dp_ndctl_reset(ctx);
	free(ctx);
	return NULL;
}

DAXPOOL_EXPORT void daxpool_set_userdata(struct daxpool_ctx *ctx, void *u)
{
	ctx->userdata = u;
}

DAXPOOL_EXPORT void *daxpool_get_userdata(struct daxpool_ctx *ctx)
{
	return ctx->userdata;
}

DAXPOOL_EXPORT const char *daxpool_get_confdir(struct daxpool_ctx *ctx)
{
	return ctx->confdir;
}
