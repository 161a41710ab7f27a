/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What check and activate look at, as plain data: the registry's records,
 * each region's media copy, the kernel's view of each pool and the
 * accounts the records name. check-read.c reads it; check-plan.c decides
 * from it alone, so a unit test can hand the planner any host it likes.
 */
#ifndef _DAXPOOL_CHECK_VIEW_H_
#define _DAXPOOL_CHECK_VIEW_H_
#include "backend/media-format.h"

/* one region's copy, as the copies_foreach of the kind that keeps it gave it */
struct dp_check_copy {
	enum daxpool_type kind; /* whose backend keeps it */
	int load_rc; /* 0, or -errno with m.why set */
	struct dp_media m;
};

/* one pool as the backend of its kind finds it in the kernel */
struct dp_check_device {
	char uuid[37];
	/* looked up with the registry's record, the media's claim not believed */
	bool from_registry;
	enum daxpool_type kind; /* whose backend looked it up */
	bool media_copy; /* its kind keeps its own copy (pmem: the media's) */
	bool can_enable, can_relabel;
	enum daxpool_state state;
	char region[64];
	char namespace[64]; /* "" for none */
	char chardev[64]; /* "" for none */
	char label[DAXPOOL_NAME_MAX + 1]; /* the name in its namespace label */
	/* MISSING because its region is not there, and why (a CXL region
	 * with a memdev absent): its media copy is not there to say either */
	char missing_why[256];
};

struct dp_check_account {
	char name[64];
	bool group; /* a group's name, else a user's */
	bool exists; /* on this host */
};

struct dp_check_view {
	/* the pools asked about; NULL: the whole host */
	const char *const *names;
	bool repair; /* check --repair */
	bool activate; /* repairs, but keeps a record a media copy may bring back */
	struct daxpool_record *recs; /* the registry, in the order it was read */
	size_t nrecs;
	struct dp_check_copy *copies; /* before any repair */
	size_t ncopies;
	/* read again once the pools are settled, for the copies themselves */
	struct dp_check_copy *copies_after;
	size_t ncopies_after;
	bool reread; /* copies_after has been read */
	struct dp_check_device *devs; /* of the pools looked at */
	size_t ndevs;
	struct dp_check_account *accounts; /* every owner and group named */
	size_t naccounts;
};

/* check-read.c: the view, and the pool objects the executor acts on */
struct dp_check_host {
	struct dp_check_view view;
	struct daxpool_pool *pools; /* one per view.devs, in that order */
	/*
	 * The executor's, for the backends that want the registry's records:
	 * WRITTEN once a step may have written the registry since view.recs
	 * was read; then NOW is the registry read again (NOW_READ)
	 */
	bool written, now_read;
	struct daxpool_record *now;
	size_t nnow;
};

/*
 * Read the registry, the media copies, the devices and the accounts of
 * the pools NAMES selects (check-plan.c says which) into H: 0 or -errno.
 */
int dp_check_read(struct daxpool_ctx *ctx, struct dp_check_host *h);
/* the media copies again, into copies_after */
int dp_check_reread(struct daxpool_ctx *ctx, struct dp_check_host *h);
void dp_check_host_free(struct dp_check_host *h);
#endif
