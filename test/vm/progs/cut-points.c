// SPDX-License-Identifier: GPL-2.0-only
/*
 * cut-points: every power-cut point of this build's library, one a line,
 * in the order of the power-cut test's phases (cuts/10-every-step.sh takes
 * its list from here, so a point added to the code is a phase it runs).
 */
#include <stdio.h>
#include "util/cut-point.h"

int main(void)
{
	int i;

	for (i = 0; i < DP_POINT_COUNT; i++)
		if (printf("%s\n", dp_point_name((enum dp_point)i)) < 0)
			return 1;
	return fflush(stdout) ? 1 : 0;
}
