/* Learning from outcomes: the Beta posterior, and reading learning.json. */
#include <string.h>

#include "heal_learn.h"
#include "tap.h"

int main(void)
{
	struct heal_error err = HEAL_ERROR_INIT;
	struct heal_learn l;
	const char *t;
	int64_t p, f;
	double c;

	ok(heal_learn_posterior(0.9, 0, 0) == 0.9, "no outcomes: the prior");
	c = heal_learn_posterior(0.9, 0, 2);
	ok(c < 0.85, "a 0.9 rule that failed twice sinks below 0.85 (%.3f)", c);
	c = heal_learn_posterior(0.9, 0, 1);
	ok(c > 0.85, "one failure alone keeps it above (%.3f)", c);
	c = heal_learn_posterior(0.8, 10, 0);
	ok(c > 0.85, "a 0.8 rule that passed 10 times rises above 0.85 (%.3f)", c);
	ok(heal_learn_posterior(0.9, 1000, 0) < 1.0, "never reaches 1");
	ok(heal_learn_posterior(0.9, 0, 1000) > 0.0, "never reaches 0");
	ok(heal_learn_posterior(0.5, 5, 5) == 0.5, "balanced outcomes keep 0.5");

	heal_learn_init(&l);
	t = "{\"v\":1,\"rules\":{\"c.x\":{\"passed\":3,\"failed\":1},\"c.y\":{\"passed\":0,\"failed\":0}}}";
	ok(heal_learn_parse(&l, t, strlen(t), &err) == 0, "parse");
	ok(heal_learn_counts(&l, "c.x", &p, &f) && p == 3 && f == 1, "counts");
	ok(!heal_learn_counts(&l, "c.y", &p, &f), "zero counts are no data");
	ok(!heal_learn_counts(&l, "nope", &p, &f), "unknown rule");
	t = "{\"v\":1,\"rules\":{\"c.x\":{\"passed\":-3}}}";
	ok(heal_learn_parse(&l, t, strlen(t), &err) < 0, "negative counts are refused");
	ok(!heal_learn_counts(&l, "c.x", &p, &f), "and leave no data");
	t = "{\"v\":1,\"rules\":";
	ok(heal_learn_parse(&l, t, strlen(t), &err) < 0, "truncated JSON is refused");
	contains(err.msg, ".heal/learning.json", "naming the file");
	t = "{\"v\":2,\"rules\":{}}";
	ok(heal_learn_parse(&l, t, strlen(t), &err) < 0, "another version is refused");
	heal_learn_release(&l);
	heal_learn_release(NULL);

	/* Thompson draws: reproducible, in (0, 1), centred on the posterior */
	{
		struct heal_learn_rng a, b;
		double sum = 0, x, lo = 1, hi = 0;
		int i, same = 1, wins = 0;

		heal_learn_rng_seed(&a, 42, "3f0c9a1d52e8b716");
		heal_learn_rng_seed(&b, 42, "3f0c9a1d52e8b716");
		for (i = 0; i < 100; i++)
			same &= heal_learn_sample(&a, 0.9, 3, 1) == heal_learn_sample(&b, 0.9, 3, 1);
		ok(same, "the same seed and key give the same draws");
		heal_learn_rng_seed(&b, 43, "3f0c9a1d52e8b716");
		ok(heal_learn_sample(&a, 0.9, 3, 1) != heal_learn_sample(&b, 0.9, 3, 1),
		   "another seed, other draws");
		heal_learn_rng_seed(&a, 7, NULL);
		for (i = 0; i < 20000; i++) {
			x = heal_learn_sample(&a, 0.9, 10, 5);
			sum += x;
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
		}
		c = heal_learn_posterior(0.9, 10, 5);
		ok(lo > 0 && hi < 1, "draws stay in (0, 1) (%.4f..%.4f)", lo, hi);
		ok(sum / 20000 > c - 0.005 && sum / 20000 < c + 0.005,
		   "their mean is the posterior mean (%.4f vs %.4f)", sum / 20000, c);
		ok(hi - lo > 0.2, "and they spread (%.3f)", hi - lo);
		/* a variant with far more successes wins most draws */
		for (i = 0; i < 1000; i++)
			wins += heal_learn_sample(&a, 0.9, 50, 0) > heal_learn_sample(&a, 0.9, 5, 5);
		ok(wins > 950, "the better variant wins most draws (%d of 1000)", wins);
		x = heal_learn_sample(&a, 0.0, 0, 0);
		ok(x > 0 && x < 1, "an extreme prior still draws inside (0, 1)");
	}
	return tap_done();
}
