/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef _LIBDAXPOOL_H_
#define _LIBDAXPOOL_H_

/*
 * libdaxpool: named, fixed device-DAX pools; libdaxpool(3) documents every
 * call, and Documentation/design.md says what the LIBDAXPOOL_1 ABI promises.
 *
 * The conventions, as in libndctl:
 * - A call that can fail returns int: 0 on success, -errno on failure,
 *   with what it makes or finds in an output pointer that is NULL after a
 *   failure unless the call says what it still carries (a check's report
 *   on -EIO, a busy destroy's holders); daxpool_get_error() then says why
 *   in words. The exception is daxpool_map_open() (and the registrations
 *   of libdaxpool-rdma), which return the object or NULL with errno set,
 *   as the published contract fixed them.
 * - Iterators (get_first/get_next) and getters return the value itself:
 *   NULL at the end of a list; strings are never NULL unless a getter says
 *   so.
 * - Objects belong to the context: pool objects stay valid until the last
 *   daxpool_unref(); a list or a report the caller receives stays valid
 *   until the caller frees it.
 * - Enums may grow in a later release: the _name() functions return NULL
 *   for a value they do not know.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct daxpool_ctx;
struct daxpool_pool;

/*
 * The context: reference counted; it carries logging and the words of the
 * last failure. daxpool_new() Returns: 0 with a context of one reference
 * in *CTX, or -ENOMEM. daxpool_ref() Returns: CTX. daxpool_unref()
 * Returns: CTX while references remain, NULL once the last is gone, and
 * with it every pool object of the context. Both take NULL.
 */
int daxpool_new(struct daxpool_ctx **ctx);
struct daxpool_ctx *daxpool_ref(struct daxpool_ctx *ctx);
struct daxpool_ctx *daxpool_unref(struct daxpool_ctx *ctx);
typedef void (*daxpool_log_fn)(struct daxpool_ctx *ctx, int priority,
		const char *file, int line, const char *fn, const char *format,
		va_list args);
/* NULL: the default, stderr */
void daxpool_set_log_fn(struct daxpool_ctx *ctx, daxpool_log_fn log_fn);
/* Returns: the highest syslog priority logged (LOG_ERR, or $DAXPOOL_LOG) */
int daxpool_get_log_priority(struct daxpool_ctx *ctx);
void daxpool_set_log_priority(struct daxpool_ctx *ctx, int priority);
void daxpool_set_userdata(struct daxpool_ctx *ctx, void *userdata);
/* Returns: the pointer daxpool_set_userdata() kept, NULL before */
void *daxpool_get_userdata(struct daxpool_ctx *ctx);
/* Returns: why the last failing call failed, in words; "" when none did */
const char *daxpool_get_error(struct daxpool_ctx *ctx);
/*
 * Returns: what the last successful change wants the user to know; ""
 * when nothing
 */
const char *daxpool_get_warning(struct daxpool_ctx *ctx);
/* Returns: the registry's directory, such as "/etc/daxpool" */
const char *daxpool_get_confdir(struct daxpool_ctx *ctx);

/*
 * Pure parsers shared by the CLI, the udev helper and applications.
 * daxpool_name_check() Returns: 0 for a valid pool name, or -EINVAL with
 * the rule it breaks in *WHY (WHY may be NULL). daxpool_is_uuid()
 * Returns: whether STR is a uuid. The others Returns: 0 with the value
 * written, or -EINVAL or -ERANGE with nothing written.
 */
#define DAXPOOL_NAME_MAX 63
int daxpool_name_check(const char *name, const char **why);
bool daxpool_is_uuid(const char *str);
int daxpool_parse_size(const char *str, uint64_t *bytes);
int daxpool_parse_align(const char *str, uint64_t *bytes);
int daxpool_parse_mode(const char *str, unsigned int *mode);

/* pools */
enum daxpool_type {
	DAXPOOL_TYPE_PMEM = 1,
	DAXPOOL_TYPE_RAM = 2,
};
/* Returns: "pmem", "ram"; NULL for a value this library does not know */
const char *daxpool_type_name(enum daxpool_type type);

/*
 * What a pool is now, as daxpool-list(1) prints it; libdaxpool(3) says
 * what each means and what to do about it. A later release may add states.
 */
enum daxpool_state {
	DAXPOOL_STATE_ACTIVE = 1, /* its device is enabled: it can be opened */
	DAXPOOL_STATE_DISABLED = 2, /* its device is there, not enabled */
	DAXPOOL_STATE_INACTIVE = 3, /* a ram pool not re-created since boot */
	DAXPOOL_STATE_MISSING = 4, /* no device carries it */
	DAXPOOL_STATE_INCOMPLETE = 5, /* a change of it was cut short */
	DAXPOOL_STATE_CONFLICT = 6, /* held: another pool has its name */
	DAXPOOL_STATE_UNSUPPORTED = 7, /* a kind this library cannot handle */
};
/*
 * Returns: "active", "disabled", ... as daxpool list prints them; NULL for
 * a value this library does not know
 */
const char *daxpool_state_name(enum daxpool_state state);

/* Returns: the first (the next) pool in name order, NULL at the end */
struct daxpool_pool *daxpool_pool_get_first(struct daxpool_ctx *ctx);
struct daxpool_pool *daxpool_pool_get_next(struct daxpool_pool *pool);
#define daxpool_pool_foreach(ctx, pool) \
	for (pool = daxpool_pool_get_first(ctx); pool != NULL; \
			pool = daxpool_pool_get_next(pool))
/*
 * The pool of that name or uuid in *POOL. Returns: 0, -ENOENT (no such
 * pool) or -EINVAL (a name that breaks the rules), with *POOL NULL.
 */
int daxpool_pool_find(struct daxpool_ctx *ctx, const char *name_or_uuid,
		struct daxpool_pool **pool);
/* drop cached pools so the next get_first/find rereads registry and kernel */
void daxpool_invalidate(struct daxpool_ctx *ctx);

/*
 * Getters. Returns: what daxpool list -v prints of the pool; strings ""
 * when unknown, never NULL; the NUMA node -1 when unknown; get_ctx the
 * context the pool belongs to
 */
const char *daxpool_pool_get_name(struct daxpool_pool *pool);
const char *daxpool_pool_get_uuid(struct daxpool_pool *pool);
enum daxpool_type daxpool_pool_get_type(struct daxpool_pool *pool);
const char *daxpool_pool_get_type_name(struct daxpool_pool *pool);
uint64_t daxpool_pool_get_size(struct daxpool_pool *pool);
uint64_t daxpool_pool_get_align(struct daxpool_pool *pool);
const char *daxpool_pool_get_region(struct daxpool_pool *pool);
/*
 * A pool on a CXL region that the OS made (and daxpool makes again at
 * activate): the kernel's name of that region ("" when it is not there,
 * or the pool is on no such region), and the serial number of its memdev
 * at interleave POSITION.
 * Returns: the name, never NULL; the serial, 0 past the last position.
 */
const char *daxpool_pool_get_cxl_region(struct daxpool_pool *pool);
uint64_t daxpool_pool_get_cxl_serial(
		struct daxpool_pool *pool, unsigned int position);
const char *daxpool_pool_get_chardev(struct daxpool_pool *pool);
const char *daxpool_pool_get_path(struct daxpool_pool *pool);
const char *daxpool_pool_get_owner(struct daxpool_pool *pool);
const char *daxpool_pool_get_group(struct daxpool_pool *pool);
unsigned int daxpool_pool_get_mode(struct daxpool_pool *pool);
int daxpool_pool_get_numa_node(struct daxpool_pool *pool);
enum daxpool_state daxpool_pool_get_state(struct daxpool_pool *pool);
const char *daxpool_pool_get_namespace(struct daxpool_pool *pool);
uint64_t daxpool_pool_get_requested_size(struct daxpool_pool *pool);
uint64_t daxpool_pool_get_namespace_size(struct daxpool_pool *pool);
int64_t daxpool_pool_get_created(struct daxpool_pool *pool);
struct daxpool_ctx *daxpool_pool_get_ctx(struct daxpool_pool *pool);

typedef void (*daxpool_progress_fn)(uint64_t done, uint64_t total, void *arg);

/*
 * Creating a pool: a request object, filled with setters and run once.
 * New settings come as new setters, so the request can grow without
 * breaking the ABI. Setters Returns: 0, or -EINVAL with the value refused
 * and the request unchanged. Defaults: type pmem, best-fit region, any
 * NUMA node, align 2M, owner and group root, mode 0600, zeroing on.
 */
struct daxpool_create;
/*
 * A request for a pool NAME of SIZE usable bytes, in *REQ. Returns: 0,
 * -EINVAL (a bad name) or -ENOMEM, with *REQ NULL.
 */
int daxpool_create_new(struct daxpool_ctx *ctx, const char *name, uint64_t size,
		struct daxpool_create **req);
int daxpool_create_set_type(struct daxpool_create *req, enum daxpool_type type);
int daxpool_create_set_region(struct daxpool_create *req, const char *region);
int daxpool_create_set_numa_node(struct daxpool_create *req, int node);
int daxpool_create_set_align(struct daxpool_create *req, uint64_t align);
int daxpool_create_set_owner(struct daxpool_create *req, const char *owner);
int daxpool_create_set_group(struct daxpool_create *req, const char *group);
int daxpool_create_set_mode(struct daxpool_create *req, unsigned int mode);
int daxpool_create_set_zero(struct daxpool_create *req, bool zero);
int daxpool_create_set_progress(struct daxpool_create *req,
		daxpool_progress_fn progress, void *arg);
/*
 * Create the pool. Returns: 0 with the new pool in *POOL (if POOL is not
 * NULL), or -errno with *POOL NULL and the reason in daxpool_get_error();
 * the request may be run again.
 */
int daxpool_create_run(struct daxpool_create *req, struct daxpool_pool **pool);
void daxpool_create_free(struct daxpool_create *req);

/*
 * Who holds a pool that a destroy refused: a list the caller owns and frees
 * with daxpool_holders_free() (NULL is fine); its holders live as long as
 * it. Each is a process and the reason it holds the pool, in words that
 * follow "pid PID": "maps it", "has it open", "pins ... bytes with an RDMA
 * registration ...". get_first(NULL) is NULL: the loop runs zero times.
 * Returns: get_first and get_next the first (next) holder, NULL at the
 * end; get_pid its process; get_reason the words, never NULL.
 */
struct daxpool_holders;
struct daxpool_holder;
struct daxpool_holder *daxpool_holders_get_first(
		struct daxpool_holders *holders);
struct daxpool_holder *daxpool_holder_get_next(struct daxpool_holder *holder);
#define daxpool_holder_foreach(holders, h) \
	for (h = daxpool_holders_get_first(holders); h != NULL; \
			h = daxpool_holder_get_next(h))
pid_t daxpool_holder_get_pid(struct daxpool_holder *holder);
const char *daxpool_holder_get_reason(struct daxpool_holder *holder);
void daxpool_holders_free(struct daxpool_holders *holders);

/*
 * Destroy POOL, as daxpool-destroy(1) describes. Returns: 0; -EBUSY when
 * something holds it, with nothing changed and, if HOLDERS is not NULL,
 * the processes found holding it in *HOLDERS (NULL when none was named:
 * the kernel counts references no process accounts for, or memory ran
 * out); or another -errno. On any return but -EBUSY, *HOLDERS is NULL.
 */
int daxpool_pool_destroy(
		struct daxpool_pool *pool, struct daxpool_holders **holders);
/*
 * Owner and/or group (NULL keeps it), mode, name: allowed while the pool
 * is in use. Returns: 0, or -errno with the reason in daxpool_get_error()
 */
int daxpool_pool_set_owner(struct daxpool_pool *pool, const char *owner,
		const char *group);
int daxpool_pool_set_mode(struct daxpool_pool *pool, unsigned int mode);
int daxpool_pool_rename(struct daxpool_pool *pool, const char *name);
/* Returns: the name in the pool's namespace label ("" where the kind has
 * none) */
const char *daxpool_pool_get_label(struct daxpool_pool *pool);

/*
 * The host's admin lock, which every change takes: between daxpool_lock()
 * and daxpool_unlock() no other context's change comes in, so a program
 * may read the pools, decide and change several of them as one. This
 * context's own changes still run inside (the lock counts how often it
 * was taken; the last daxpool_unlock() lets it go). It needs root, and
 * waits while another change runs.
 * daxpool_lock() Returns: 0, or -errno (-EACCES without root) with the
 * reason in daxpool_get_error(). daxpool_unlock() Returns: nothing; an
 * unlock without a lock does nothing.
 */
int daxpool_lock(struct daxpool_ctx *ctx);
void daxpool_unlock(struct daxpool_ctx *ctx);

/*
 * check and activate: compare the registry, the media copies and the
 * kernel, and report (and with DAXPOOL_CHECK_REPAIR, or always for
 * activate, put right) what disagrees. NAMES (NULL-terminated, or NULL for
 * all) limits a check to those pools. Both return 0, -EIO when a repair
 * failed (the report says which), or another -errno with no report.
 */
#define DAXPOOL_CHECK_REPAIR (1U << 0)
struct daxpool_report;
struct daxpool_finding;
int daxpool_check(struct daxpool_ctx *ctx, const char *const *names,
		unsigned int flags, struct daxpool_report **report);
int daxpool_activate(struct daxpool_ctx *ctx, struct daxpool_report **report);
void daxpool_report_free(struct daxpool_report *report);
struct daxpool_finding *daxpool_report_get_first(struct daxpool_report *report);
struct daxpool_finding *daxpool_finding_get_next(
		struct daxpool_finding *finding);
#define daxpool_finding_foreach(report, f) \
	for (f = daxpool_report_get_first(report); f != NULL; \
			f = daxpool_finding_get_next(f))
const char *daxpool_finding_get_pool(struct daxpool_finding *finding);
const char *daxpool_finding_get_uuid(struct daxpool_finding *finding);
const char *daxpool_finding_get_region(struct daxpool_finding *finding);
const char *daxpool_finding_get_problem(struct daxpool_finding *finding);
const char *daxpool_finding_get_detail(struct daxpool_finding *finding);
const char *daxpool_finding_get_repair(struct daxpool_finding *finding);
const char *daxpool_finding_get_action(struct daxpool_finding *finding);
bool daxpool_finding_get_repaired(struct daxpool_finding *finding);
const char *daxpool_finding_get_failure(struct daxpool_finding *finding);

/*
 * Applications: open and map a pool by name or uuid, as any user the pool's
 * owner, group and mode admit. While a map is open the pool counts as in
 * use. Returns: the map, or NULL with errno ENOENT (no such pool), EACCES
 * (not permitted), EINVAL (bad name or flags), EBUSY (being destroyed).
 */
struct daxpool_map;
struct daxpool_map *daxpool_map_open(
		struct daxpool_ctx *ctx, const char *name, int flags);
/* Returns: the mapping's address, size, alignment, fd; the pool's name, uuid */
void *daxpool_map_get_addr(struct daxpool_map *map);
size_t daxpool_map_get_size(struct daxpool_map *map);
size_t daxpool_map_get_align(struct daxpool_map *map);
int daxpool_map_get_fd(struct daxpool_map *map);
const char *daxpool_map_get_name(struct daxpool_map *map);
const char *daxpool_map_get_uuid(struct daxpool_map *map);
/*
 * Unmaps. The pool stays held (in use, so destroy and rename refuse it)
 * until the last pin taken with daxpool_map_pin() is dropped, unless the
 * process has no long-term pin left at all: then the map goes at once,
 * pins and all.
 */
void daxpool_map_close(struct daxpool_map *map);
/*
 * For code that pins a map's memory long-term (libdaxpool-rdma does, for
 * each registration): between the two calls the pool stays held, even
 * after daxpool_map_close(), which then leaves the map to the last unpin.
 */
void daxpool_map_pin(struct daxpool_map *map);
void daxpool_map_unpin(struct daxpool_map *map);

#ifdef __cplusplus
}
#endif
#endif
