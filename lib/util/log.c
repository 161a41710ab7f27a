// SPDX-License-Identifier: LGPL-2.1-or-later
/* logging, and the last error and warnings of an operation */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/private.h"

/* the default: the function and the message, on stderr */
void dp_log_stderr(struct daxpool_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args)
{
	(void)ctx;
	(void)priority;
	(void)file;
	(void)line;
	fprintf(stderr, "libdaxpool: %s: ", fn);
	vfprintf(stderr, format, args);
}

DAXPOOL_EXPORT void daxpool_set_log_fn(
		struct daxpool_ctx *ctx, daxpool_log_fn log_fn)
{
	ctx->log_fn = log_fn ? log_fn : dp_log_stderr;
}

DAXPOOL_EXPORT int daxpool_get_log_priority(struct daxpool_ctx *ctx)
{
	return ctx->log_priority;
}

DAXPOOL_EXPORT void daxpool_set_log_priority(
		struct daxpool_ctx *ctx, int priority)
{
	ctx->log_priority = priority;
}

void daxpool_log(struct daxpool_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, ...)
{
	va_list args;

	va_start(args, format);
	ctx->log_fn(ctx, priority, file, line, fn, format, args);
	va_end(args);
}

DAXPOOL_EXPORT const char *daxpool_get_error(struct daxpool_ctx *ctx)
{
	return ctx->error;
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
