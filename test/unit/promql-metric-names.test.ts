import assert from 'node:assert/strict';
import { metricNamesExposed, metricNamesIn } from '../support/promql-metric-names';

describe('reading metric names out of PromQL and scrapes (for the dashboard check)', () => {
  it('finds the metrics of an expression, not its functions, labels, strings or durations', () => {
    assert.deepEqual(
      metricNamesIn(
        'histogram_quantile(0.95, sum by (le, psp) (rate(holdfast_psp_request_duration_seconds_bucket{outcome="error", psp=~"a|b"}[5m])))',
      ),
      ['holdfast_psp_request_duration_seconds_bucket'],
    );
    assert.deepEqual(
      metricNamesIn('sum by (psp) (rate(a_total{x="y"}[5m])) / on (psp) group_left sum without (instance) (b_total) > bool 0.5'),
      ['a_total', 'b_total'],
    );
    assert.deepEqual(metricNamesIn('max(holdfast_x) > 900 and absent(up)'), ['holdfast_x', 'up']);
    assert.deepEqual(metricNamesIn('sum(c_total unless c_total offset 10m) > 0 or d_total offset -1h30m'), ['c_total', 'd_total']);
  });

  it('reads declared families (a histogram with its series) and samples from a scrape', () => {
    const names = metricNamesExposed(
      ['# HELP h_seconds x', '# TYPE h_seconds histogram', '# TYPE g gauge', 'c_total{a="b"} 1', 'plain 2', ''].join('\n'),
    );
    assert.deepEqual([...names].sort(), ['c_total', 'g', 'h_seconds', 'h_seconds_bucket', 'h_seconds_count', 'h_seconds_sum', 'plain']);
  });
});
