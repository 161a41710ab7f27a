/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _DAXPOOL_PRIVATE_H_
#define _DAXPOOL_PRIVATE_H_

/* meson puts "-include config.h" before everything, _GNU_SOURCE with it */
#ifndef _GNU_SOURCE
#error "_GNU_SOURCE is unset: build with meson (config.h is included first)"
#endif

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <syslog.h>
#include <daxpool/libdaxpool.h>
#include "core/hint.h"

#define DAXPOOL_EXPORT __attribute__((visibility("default")))

#define SZ_4K (4096ULL)
#define SZ_2M (2ULL << 20)
#define SZ_16M (16ULL << 20)
#define SZ_1G (1ULL << 30)
#define ALIGN_UP(x, a) ((((x) + (a)-1) / (a)) * (a))

struct ndctl_ctx;
struct daxctl_ctx;

/*
 * A change under way, as a record carries it until the change commits
 * (a create or a destroy writes it, check settles one cut short). On disk
 * and on the media it is the string of dp_intent_name() (record.c), as it
 * always was.
 */
enum dp_intent {
	DP_INTENT_NONE, /* committed: no "intent" key at all */
	DP_INTENT_CREATE,
	DP_INTENT_DESTROY,
};

/* one registry record: what the administrator asked for */
struct daxpool_record {
	char name[DAXPOOL_NAME_MAX + 1];
	char uuid[37];
	enum daxpool_type type;
	uint64_t size; /* requested */
	uint64_t align;
	char owner[64];
	char group[64];
	unsigned int mode;
	char region[64]; /* region device at creation, informational */
	int64_t created;
	enum dp_intent intent;
	/* ram: its exact physical ranges, "0xSTART-0xEND,..." (identify.h),
	 * and the physical range of its region, "0xSTART-0xEND" */
	char ranges[512];
	char region_range[48];
	/* on a CXL region the OS made: its recipe's id (store/cxl-recipe.h),
	 * by which activate makes the region again; "" elsewhere */
	char cxl[40];
	/*
	 * /etc only: another pool had this name first (a moved NVDIMM, two
	 * regions); kept root-only without a link until renamed by uuid
	 */
	bool conflict;
};

/* what daxpool_create_* collected, as the backends read it */
struct daxpool_create_args {
	const char *name;
	uint64_t size;
	enum daxpool_type type;
	const char *region; /* NULL: best fit */
	int numa_node; /* -1: any */
	uint64_t align; /* 0: 2M */
	const char *owner; /* NULL: root */
	const char *group; /* NULL: root */
	int mode; /* -1: 0600 */
	bool no_zero;
	daxpool_progress_fn progress;
	void *progress_arg;
};

struct dp_backend;
struct dp_journal;
struct daxpool_pool {
	struct daxpool_ctx *ctx;
	struct daxpool_pool *next;
	const struct dp_backend *ops; /* its kind's backend; NULL: unsupported */
	bool live; /* in the registry at the last look */
	struct daxpool_record rec;
	/* from the kernel, refreshed on enumeration */
	char region[64];
	char namespace[64];
	char chardev[64];
	char path[DAXPOOL_NAME_MAX + 32];
	enum daxpool_state state;
	char label[DAXPOOL_NAME_MAX + 1]; /* name in the namespace label */
	uint64_t dev_size;
	uint64_t ns_size;
	int numa_node;
	/* on a CXL region: the kernel's name of it ("" while it is not
	 * there) and its memdevs' serials by position, from its recipe */
	char cxl_region[32];
	uint64_t cxl_serial[16];
	unsigned int cxl_ways;
	/* MISSING, and why, when more is known than "no device" */
	char missing_why[256];
};

struct daxpool_ctx {
	int refcount; /* atomic: maps hold references */
	/*
	 * daxpool_map_open may be called from many threads at once: it holds
	 * this while it uses the context (the remembered pool, libndctl, the
	 * error text). Everything else wants one thread at a time per context.
	 */
	pthread_mutex_t lock;
	int log_priority;
	daxpool_log_fn log_fn;
	void *userdata;
	char confdir[256];
	char statedir[256]; /* /var/lib/daxpool: a second home for recipes */
	char cdidir[256]; /* /run/cdi: the pools' container device specs */
	char lockfile[256];
	char error[512];
	char warning[512];
	struct ndctl_ctx *ndctl;
	struct daxctl_ctx *daxctl;
	struct daxpool_pool *pools;
	bool pools_loaded;
	int admin_fd;
	int admin_depth;
	/* the journal while it writes (journal.c); NULL: a write is not its */
	const struct dp_journal *journal;
	/* where the last map_open found its pool (hint.c) */
	struct dp_open_hint hint;
};

/*
 * pool.c: POOL (malloc'd, filled in by a create) becomes the context's
 * object of its uuid, without a new enumeration; the others are reread at
 * the next look. Returns the context's object.
 */
struct daxpool_pool *dp_pool_adopt(
		struct daxpool_ctx *ctx, struct daxpool_pool *pool);

/* log.c: what a context logs with until the caller sets its own */
void dp_log_stderr(struct daxpool_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, va_list args);
void daxpool_log(struct daxpool_ctx *ctx, int priority, const char *file,
		int line, const char *fn, const char *format, ...)
		__attribute__((format(printf, 6, 7)));

#define dp_log_cond(ctx, prio, ...) \
	do { \
		if (daxpool_get_log_priority(ctx) >= (prio)) \
			daxpool_log(ctx, prio, __FILE__, __LINE__, __func__, \
					__VA_ARGS__); \
	} while (0)
#define dbg(ctx, ...) dp_log_cond(ctx, LOG_DEBUG, __VA_ARGS__)
#define info(ctx, ...) dp_log_cond(ctx, LOG_INFO, __VA_ARGS__)
#define err(ctx, ...) dp_log_cond(ctx, LOG_ERR, __VA_ARGS__)

/* record why an operation failed, for daxpool_get_error(); the first
 * failure since dp_clear_error() is kept; returns -errnum */
int dp_fail(struct daxpool_ctx *ctx, int errnum, const char *fmt, ...)
		__attribute__((format(printf, 3, 4)));
void dp_clear_error(struct daxpool_ctx *ctx);
/* something the user should know although the operation succeeded */
void dp_warn(struct daxpool_ctx *ctx, const char *fmt, ...)
		__attribute__((format(printf, 2, 3)));
/* let udev apply owner, group, mode and link; do it directly without udev */
int dp_apply_ownership(struct daxpool_ctx *ctx, struct daxpool_pool *pool);
/* the node and its link already say what the record says */
bool dp_ownership_ok(struct daxpool_pool *pool);

/* accounts.c: a user or group by name or number; the name (at most LEN
 * bytes) in OUT and the id, or -EINVAL with the error set */
enum dp_account { DP_ACCOUNT_OWNER, DP_ACCOUNT_GROUP };
int dp_resolve_account(struct daxpool_ctx *ctx, enum dp_account kind,
		const char *in, char *out, size_t len, unsigned int *id);
static inline int dp_resolve_owner(struct daxpool_ctx *ctx, const char *in,
		char *out, size_t len, uid_t *uid)
{
	return dp_resolve_account(ctx, DP_ACCOUNT_OWNER, in, out, len, uid);
}
static inline int dp_resolve_group(struct daxpool_ctx *ctx, const char *in,
		char *out, size_t len, gid_t *gid)
{
	return dp_resolve_account(ctx, DP_ACCOUNT_GROUP, in, out, len, gid);
}

/* ndctl/daxctl contexts, opened on first use */
struct ndctl_ctx *dp_ndctl(struct daxpool_ctx *ctx);
/* the same for libdaxctl (dynamic dax regions: ram pools) */
struct daxctl_ctx *dp_daxctl(struct daxpool_ctx *ctx);
/* drop libndctl's and libdaxctl's cached views after the kernel changed */
void dp_ndctl_reset(struct daxpool_ctx *ctx);
void dp_pools_free(struct daxpool_ctx *ctx);
/*
 * The pool list made from RECS, the registry as the caller read it under
 * the admin lock it still holds (in the order read), each refreshed from
 * the kernel as the contexts above see it: a look that needs no second
 * read of either. 0, or -ENOMEM (the next look then reads them itself).
 */
int dp_pools_take(struct daxpool_ctx *ctx, const struct daxpool_record *recs,
		size_t n);

/* map a device at an address aligned to align (device-dax demands it);
 * munmap(*resv, *resv_len) undoes it */
void *dp_map_aligned(int fd, uint64_t size, uint64_t align, int prot,
		void **resv, size_t *resv_len);
/* zero a pool's device with durable non-temporal stores */
int dp_zero_device(struct daxpool_ctx *ctx, const char *devpath, uint64_t size,
		uint64_t align, daxpool_progress_fn progress, void *arg);

/* run-state.c: RUNDIR/KIND/UUID in BUF (its directory made first with
 * MAKE_DIR); 0, or -1 for a bad uuid or a short buffer */
int dp_run_path(const char *kind, const char *uuid, bool make_dir, char *buf,
		size_t len);
/* the same for RUNDIR/KIND/NAME, NAME a device's or a fixed name
 * ([A-Za-z0-9._-], not starting with '.') */
int dp_run_file(const char *kind, const char *name, bool make_dir, char *buf,
		size_t len);
/* run-write.c: TEXT into PATH whole, with MODE; 0 or -errno */
int dp_run_write(const char *path, const char *text, mode_t mode);

/* the number after "KEY:" in /proc/PID/status (PID 0: our own), -1 if none */
long long dp_proc_status_num(int pid, const char *key);
/* clock ticks after boot when PID started (/proc/PID/stat); 0 if gone */
unsigned long long dp_proc_start_time(int pid);

/* name-unique.c: 0 if no pool but EXCEPT (a uuid, or NULL) has NAME,
 * anywhere daxpool can see; else -EEXIST with the error set */
int dp_name_free(struct daxpool_ctx *ctx, const char *name, const char *except);

/* admin lock: serialises every daxpool change on the host */
int dp_admin_lock(struct daxpool_ctx *ctx);
void dp_admin_unlock(struct daxpool_ctx *ctx);

/* pure helpers shared with the unit tests */
/* decimal digits only, at most MAX: 0, -EINVAL or -ERANGE */
int dp_parse_uint(const char *str, unsigned long max, unsigned long *out);
#define DP_ID_MAX 4294967294UL /* (uid_t)-1 means "no change" to the kernel */
const char *dp_type_name(enum daxpool_type type);
/* "64 MiB": the largest unit that divides V exactly, for messages */
void dp_fmt_size(char *buf, size_t len, uint64_t v);
enum daxpool_type dp_type_parse(const char *s);

#endif
