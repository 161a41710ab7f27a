// SPDX-License-Identifier: GPL-2.0-only
/*
 * media-put REGION FILE: write the registry record in FILE into REGION's
 * media copy, as another host's daxpool would have (a moved NVDIMM whose
 * pool has a name taken here, an owner this host lacks). Test use only.
 */
#include <stdio.h>
#include <daxpool/libdaxpool.h>
#include "backend/backend.h"
#include "store/registry.h"

int main(int argc, char **argv)
{
	struct daxpool_record rec;
	struct daxpool_ctx *ctx;
	const char *why = "";

	if (argc != 3) {
		fprintf(stderr, "usage: media-put REGION RECORD.json\n");
		return 2;
	}
	if (dp_registry_read_file(argv[2], &rec, &why) < 0) {
		fprintf(stderr, "media-put: %s: %s\n", argv[2], why);
		return 1;
	}
	if (daxpool_new(&ctx) < 0)
		return 1;
	/* through the backend whose copy it is, as check's repairs write it */
	if (dp_backend_get(DAXPOOL_TYPE_PMEM)->copy_put(ctx, argv[1], &rec) <
			0) {
		fprintf(stderr, "media-put: %s\n", daxpool_get_error(ctx));
		return 1;
	}
	daxpool_unref(ctx);
	return 0;
}
