// SPDX-License-Identifier: GPL-2.0-only
/* names, sizes, aligns and modes: the rules of DESIGN.md */
#include <errno.h>
#include <string.h>
#include "core/private.h"
#include "tap.h"

static void names(void)
{
	const char *good[] = {
		"a", "db0", "Pool_1.data-x", "_x", "0",
		"123456789012345678901234567890123456789012345678901234567890123"
	};
	const char *bad[] = { "", ".hidden", "-x", "a/b", "a b", "ü", "a\n",
		"1234567890123456789012345678901234567890123456789012345678901234",
		"3f2504e0-4f89-11d3-9a0c-0305e82c3301",
		"3F2504E0-4F89-11D3-9A0C-0305E82C3301", "a:b", "a*", "$x" };
	const char *why;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ok(daxpool_name_check(good[i], &why) == 0, "name '%s' accepted",
				good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		ok(daxpool_name_check(bad[i], &why) == -EINVAL && why && *why,
				"name #%zu refused with a reason (%s)", i,
				why ? why : "none");
	}
	ok(daxpool_name_check(NULL, NULL) == -EINVAL, "NULL name refused");
	ok(daxpool_is_uuid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
			"uuid recognised");
	ok(!daxpool_is_uuid("3f2504e0-4f89-11d3-9a0c-0305e82c330"),
			"short uuid is not one");
	ok(!daxpool_is_uuid("db0"), "a name is not a uuid");
}

static void sizes(void)
{
	struct {
		const char *s;
		uint64_t v;
	} good[] = {
		{ "1", 1 },
		{ "4096", 4096 },
		{ "4K", 4096 },
		{ "4k", 4096 },
		{ "2M", 2ULL << 20 },
		{ "1G", 1ULL << 30 },
		{ "3T", 3ULL << 40 },
		{ "64MiB", 64ULL << 20 },
		{ "64MB", 64ULL << 20 },
	};
	const char *bad[] = { "", "0", "0G", "-1", "1.5G", "abc", "1X", "G",
		" 1G", "1G ", "1GG", "0x10", "99999999999999999999",
		"18446744073709551615K", "100000T" };
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = 0;
		ok(daxpool_parse_size(good[i].s, &v) == 0 && v == good[i].v,
				"size '%s' = %llu", good[i].s,
				(unsigned long long)v);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(daxpool_parse_size(bad[i], &v) != 0, "size '%s' refused",
				bad[i]);
	ok(daxpool_parse_size("99999999999999999999", &v) == -ERANGE,
			"overflow is ERANGE");
}

static void aligns(void)
{
	uint64_t v;

	ok(daxpool_parse_align("4K", &v) == 0 && v == 4096, "align 4K");
	ok(daxpool_parse_align("2M", &v) == 0 && v == (2ULL << 20), "align 2M");
	ok(daxpool_parse_align("1G", &v) == 0 && v == (1ULL << 30), "align 1G");
	ok(daxpool_parse_align("2097152", &v) == 0, "align in bytes");
	ok(daxpool_parse_align("8K", &v) != 0, "align 8K refused");
	ok(daxpool_parse_align("16M", &v) != 0, "align 16M refused");
	ok(daxpool_parse_align("", &v) != 0, "empty align refused");
}

static void modes(void)
{
	unsigned int m;

	ok(daxpool_parse_mode("0660", &m) == 0 && m == 0660, "mode 0660");
	ok(daxpool_parse_mode("600", &m) == 0 && m == 0600, "mode 600");
	ok(daxpool_parse_mode("07777", &m) == 0 && m == 07777, "mode 07777");
	ok(daxpool_parse_mode("0", &m) == 0 && m == 0, "mode 0");
	ok(daxpool_parse_mode("10000", &m) != 0, "mode 10000 refused");
	ok(daxpool_parse_mode("0668", &m) != 0, "mode with 8 refused");
	ok(daxpool_parse_mode("rw", &m) != 0, "symbolic mode refused");
	ok(daxpool_parse_mode("", &m) != 0, "empty mode refused");
	ok(daxpool_parse_mode("-600", &m) != 0, "negative mode refused");
	ok(daxpool_parse_mode("000660", &m) != 0, "six digits refused");
}

/* owners and groups by number: nothing may wrap to root */
static void ids(void)
{
	const char *bad[] = { "", " 0", "+0", "-0", "-4294967296", "0x10", "1 ",
		"4294967295", "4294967296", "18446744073709551616",
		"99999999999999999999999" };
	unsigned long v = 77;
	size_t i;

	ok(dp_parse_uint("0", DP_ID_MAX, &v) == 0 && v == 0, "id 0 is root");
	ok(dp_parse_uint("1001", DP_ID_MAX, &v) == 0 && v == 1001, "id 1001");
	ok(dp_parse_uint("4294967294", DP_ID_MAX, &v) == 0 && v == 4294967294UL,
			"the largest id");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 77;
		ok(dp_parse_uint(bad[i], DP_ID_MAX, &v) < 0 && v == 77,
				"id '%s' refused, nothing written", bad[i]);
	}
	ok(dp_parse_uint("65535", 65535, &v) == 0 &&
					dp_parse_uint("65536", 65535, &v) ==
							-ERANGE,
			"the maximum is inclusive, one more is ERANGE");
}

/* the words daxpool list prints come from these: they must never change */
static void enum_names(void)
{
	static const struct {
		enum daxpool_state state;
		const char *name;
	} states[] = {
		{ DAXPOOL_STATE_ACTIVE, "active" },
		{ DAXPOOL_STATE_DISABLED, "disabled" },
		{ DAXPOOL_STATE_INACTIVE, "inactive" },
		{ DAXPOOL_STATE_MISSING, "missing" },
		{ DAXPOOL_STATE_INCOMPLETE, "incomplete" },
		{ DAXPOOL_STATE_CONFLICT, "conflict" },
		{ DAXPOOL_STATE_UNSUPPORTED, "unsupported" },
	};
	const char *pmem, *ram;
	size_t i;

	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		const char *name = daxpool_state_name(states[i].state);

		ok(name && strcmp(name, states[i].name) == 0,
				"state %d is '%s'", (int)states[i].state,
				states[i].name);
	}
	/* 0 is no state, 99 one a later release might add */
	ok(!daxpool_state_name(0) && !daxpool_state_name(99),
			"a state this library does not know has no name");
	pmem = daxpool_type_name(DAXPOOL_TYPE_PMEM);
	ram = daxpool_type_name(DAXPOOL_TYPE_RAM);
	ok(pmem && strcmp(pmem, "pmem") == 0 && ram && strcmp(ram, "ram") == 0,
			"types 'pmem' and 'ram'");
	ok(!daxpool_type_name(0) && !daxpool_type_name(99),
			"a type this library does not know has no name");
}

int main(void)
{
	enum_names();
	ids();
	names();
	sizes();
	aligns();
	modes();
	return tap_done();
}
