// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What check and activate look at, read: the registry, the copies each
 * kind keeps of its own (pmem: the media copy of each region, as its
 * backend reads it), each pool's device as its backend finds it, and
 * whether the accounts the records name exist. All of check's reading is
 * here; check-plan.c decides from what this file gives it.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backend/backend.h"
#include "check/check-plan.h"
#include "store/registry.h"

static int grow(void **arr, size_t n, size_t size)
{
	void *more;

	/* one at a time: a host has a handful of regions and pools */
	more = realloc(*arr, (n + 1) * size);
	if (!more)
		return -ENOMEM;
	*arr = more;
	return 0;
}

struct copies {
	struct dp_check_copy **c;
	size_t *n;
	enum daxpool_type kind; /* whose copies are being read */
};

/* M's records become the view's: the backend frees what is left */
static int take_copy(struct daxpool_ctx *ctx, int load_rc, struct dp_media *m,
		void *arg)
{
	struct copies *to = arg;
	struct dp_check_copy *c;
	int i;

	(void)ctx;
	if (grow((void **)to->c, *to->n, sizeof(**to->c)))
		return -ENOMEM;
	c = &(*to->c)[(*to->n)++];
	c->kind = to->kind;
	c->load_rc = load_rc;
	c->m = *m;
	for (i = 0; i < 2; i++) {
		m->slot[i].recs = NULL;
		m->slot[i].nrecs = 0;
	}
	return 0;
}

/* the copies of every kind that keeps its own, kind after kind */
static int read_copies(
		struct daxpool_ctx *ctx, struct dp_check_copy **c, size_t *n)
{
	const struct dp_backend *const *be;
	struct copies to = { c, n, 0 };
	int rc = 0;

	for (be = dp_backends; !rc && *be; be++) {
		if (!(*be)->keeps_copy)
			continue;
		to.kind = (*be)->type;
		rc = (*be)->copies_foreach(ctx, take_copy, &to);
	}
	return rc;
}

/* the pool of record R as its backend finds it in the kernel */
static int read_device(struct daxpool_ctx *ctx, struct dp_check_host *h,
		const struct daxpool_record *r, bool from_registry)
{
	struct dp_check_view *v = &h->view;
	struct dp_check_device *d;
	struct daxpool_pool *pool;

	if (grow((void **)&h->pools, v->ndevs, sizeof(*h->pools)) ||
			grow((void **)&v->devs, v->ndevs, sizeof(*v->devs)))
		return -ENOMEM;
	pool = &h->pools[v->ndevs];
	d = &v->devs[v->ndevs++];
	memset(pool, 0, sizeof(*pool));
	pool->ctx = ctx;
	pool->rec = *r;
	pool->numa_node = -1;
	pool->ops = dp_backend_get(r->type);
	pool->state = DAXPOOL_STATE_UNSUPPORTED;
	if (pool->ops)
		pool->ops->refresh(ctx, pool);
	memset(d, 0, sizeof(*d));
	snprintf(d->uuid, sizeof(d->uuid), "%s", r->uuid);
	d->from_registry = from_registry;
	d->kind = r->type;
	d->media_copy = pool->ops && pool->ops->keeps_copy;
	d->can_enable = pool->ops && pool->ops->enable;
	d->can_relabel = pool->ops && pool->ops->relabel;
	d->state = pool->state;
	snprintf(d->region, sizeof(d->region), "%s", pool->region);
	snprintf(d->namespace, sizeof(d->namespace), "%s", pool->namespace);
	snprintf(d->chardev, sizeof(d->chardev), "%s", pool->chardev);
	snprintf(d->label, sizeof(d->label), "%s", pool->label);
	snprintf(d->missing_why, sizeof(d->missing_why), "%s",
			pool->missing_why);
	return 0;
}

static int read_account(struct dp_check_view *v, const char *name, bool group)
{
	struct dp_check_account *a;
	size_t i;

	for (i = 0; i < v->naccounts; i++)
		if (v->accounts[i].group == group &&
				strcmp(v->accounts[i].name, name) == 0)
			return 0;
	if (grow((void **)&v->accounts, v->naccounts, sizeof(*v->accounts)))
		return -ENOMEM;
	a = &v->accounts[v->naccounts++];
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->group = group;
	a->exists = group ? getgrnam(name) != NULL : getpwnam(name) != NULL;
	return 0;
}

/* the owner and group of each record of E */
static int read_accounts(struct dp_check_view *v, const struct dp_check_pool *e)
{
	int rc = 0;

	if (e->in_etc)
		rc = read_account(v, e->etc.owner, false);
	if (!rc && e->in_etc)
		rc = read_account(v, e->etc.group, true);
	if (!rc && e->in_media)
		rc = read_account(v, e->media.owner, false);
	if (!rc && e->in_media)
		rc = read_account(v, e->media.group, true);
	return rc;
}

/*
 * The devices and accounts of the pools looked at; a pool whose media
 * record is not believed is looked up again with its registry's
 */
static int read_pools(struct daxpool_ctx *ctx, struct dp_check_host *h)
{
	struct dp_check_view *v = &h->view;
	struct dp_check_pool *pools, *e;
	size_t i, n;
	int rc = dp_check_pools(v, &pools, &n);

	for (i = 0; !rc && i < n; i++) {
		e = &pools[i];
		if (!dp_check_selected(v, e))
			continue;
		rc = read_device(ctx, h, dp_check_best(e), false);
		if (!rc && e->in_etc &&
				dp_check_claim_foreign(
						e, &v->devs[v->ndevs - 1]))
			rc = read_device(ctx, h, &e->etc, true);
		if (!rc)
			rc = read_accounts(v, e);
	}
	free(pools);
	return rc;
}

int dp_check_read(struct daxpool_ctx *ctx, struct dp_check_host *h)
{
	int rc = dp_registry_load(ctx, &h->view.recs, &h->view.nrecs);

	if (!rc)
		rc = read_copies(ctx, &h->view.copies, &h->view.ncopies);
	if (!rc)
		rc = read_pools(ctx, h);
	return rc;
}

int dp_check_reread(struct daxpool_ctx *ctx, struct dp_check_host *h)
{
	h->view.reread = true;
	return read_copies(ctx, &h->view.copies_after, &h->view.ncopies_after);
}

static void free_copies(struct dp_check_copy *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dp_media_free(&c[i].m);
	free(c);
}

void dp_check_host_free(struct dp_check_host *h)
{
	struct dp_check_view *v = &h->view;

	free(v->recs);
	free_copies(v->copies, v->ncopies);
	free_copies(v->copies_after, v->ncopies_after);
	free(v->devs);
	free(v->accounts);
	free(h->pools);
	free(h->now);
	memset(h, 0, sizeof(*h));
}
