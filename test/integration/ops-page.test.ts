// The /ops page in a real browser (Debian's headless Chromium through playwright-core):
// login with a finance key, the settlements of a date with their totals, resolving an
// exception through its form, and approving a payout. Settlement and exception rows are
// written directly: this is about the page, the settlement flow is tested in settlement-day.
// A payout is only real with its workflow, so the payout tests start a worker of their own.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createFinanceKey } from '../../db/queries/merchants';
import { auditLog, exceptions, settlementBatches, settlementItems, settlements } from '../../db/schema';
import { chromiumExecutable } from '../../devtools/chromium';
import type { HoldfastClient } from '@holdfast/client';
import { capturedPayment, createSeller } from '../support/marketplace';
import { financeClient, insertException as insertExceptionRow, settle, today } from '../support/settlement';
import { stackForSuite } from '../support/stack';
import { answered, withId } from '../support/typed-answers';

const unique = () => randomBytes(6).toString('hex');
/** Low, so a payout of a small settled payment waits for finance. */
const APPROVAL_THRESHOLD = 5_000;

describe('the /ops page in a browser', function () {
  this.timeout(120_000);
  const suite = stackForSuite({ withWorker: false, env: { PAYOUT_APPROVAL_THRESHOLD: String(APPROVAL_THRESHOLD) } });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let finance: { id: string; apiKey: string };

  before(async function () {
    this.timeout(20 * 60_000); // may install chromium first
    browser = await chromium.launch({ executablePath: await chromiumExecutable(), args: ['--no-sandbox'] });
  });
  after(() => browser?.close());

  beforeEach(async () => {
    finance = await createFinanceKey(suite.stack.db);
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const url = (path: string) => `${suite.stack.apiUrl}${path}`;

  async function logIn(key = finance.apiKey) {
    await page.goto(url('/ops'));
    await page.fill('input[name="api_key"]', key);
    const [response] = await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
    return response;
  }

  const flash = () => page.locator('.flash').innerText();

  describe('logging in', () => {
    it('shows the login form without a session, and sends pages back to it', async () => {
      await page.goto(url('/ops/settlements'));
      assert.equal(new URL(page.url()).pathname, '/ops');
      assert.equal(await page.locator('input[name="api_key"]').count(), 1);
      assert.equal(await page.locator('nav a').count(), 0);
    });

    it('refuses an unknown key and a merchant key alike, and opens no session', async () => {
      const merchant = await suite.stack.merchant();
      for (const key of ['sk_hf_not_a_key', merchant.apiKey]) {
        const response = await logIn(key);
        assert.equal(response?.status(), 401);
        assert.equal(await flash(), 'That is not a valid finance key.');
        assert.deepEqual(
          (await context.cookies()).map((c) => c.name),
          ['hf_ops_login'],
          "only the login form's CSRF cookie",
        );
      }
    });

    it('logs in with a finance key: an HttpOnly, SameSite=Strict session cookie scoped to /ops, and logout ends it', async () => {
      await logIn();
      assert.equal(new URL(page.url()).pathname, '/ops/settlements');
      const cookie = (await context.cookies()).find((c) => c.name === 'hf_ops');
      assert.equal(cookie?.name, 'hf_ops');
      assert.equal(cookie?.httpOnly, true);
      assert.equal(cookie?.sameSite, 'Strict');
      assert.equal(cookie?.path, '/ops');
      assert.ok((cookie?.value.length ?? 0) >= 40);

      await Promise.all([page.waitForNavigation(), page.click('nav button')]);
      assert.equal(new URL(page.url()).pathname, '/ops');
      // The old token is dead even if someone kept it.
      await context.addCookies([{ ...cookie!, expires: -1 }]);
      await page.goto(url('/ops/exceptions'));
      assert.equal(new URL(page.url()).pathname, '/ops');
    });
  });

  describe('settlements', () => {
    it('shows the per-currency totals of the chosen date, and a settlement with its batches and items', async () => {
      const { db } = suite.stack;
      const date = '2022-03-14';
      const id = `stl_20220314_adyen_${unique()}`;
      const batch = `stb_${unique()}`;
      await db
        .insert(settlements)
        .values({ id, businessDate: date, psp: 'adyen', status: 'submitted', workflowId: id, collectedUntil: new Date() });
      await db.insert(settlementBatches).values({
        id: batch,
        settlementId: id,
        merchantId: 'mer_ops',
        currency: 'eur',
        round: 1,
        idempotencyKey: `idem_${unique()}`,
        status: 'partially_accepted',
        itemCount: 2,
        gross: 12_345,
        fees: 45,
        net: 9_900,
        rawRequest: `H,${batch},adyen,mer_ops,eur,2022-03-14T00:00:00Z\n`,
        rawResponse: '{}',
        submittedAt: new Date(),
      });
      const item = (receivable: number, status: 'accepted' | 'rejected', fee: number | null) => ({
        id: `sti_${unique()}`,
        settlementId: id,
        batchId: batch,
        ledgerTransactionId: `ltx_${unique()}`,
        kind: 'capture' as const,
        merchantId: 'mer_ops',
        paymentId: `pay_${unique()}`,
        pspReference: `PSP${unique()}`,
        currency: 'eur',
        amount: receivable,
        receivable,
        merchantShare: receivable,
        status,
        fee,
        submissions: 1,
      });
      await db.insert(settlementItems).values([item(9_945, 'accepted', 45), item(2_400, 'rejected', null)]);

      await logIn();
      await page.fill('input[name="date"]', date);
      await Promise.all([page.waitForNavigation(), page.click('form[action="/ops/settlements"] button')]);
      assert.equal(await page.locator('h1').innerText(), `Settlements of ${date}`);
      const cells = await page.locator(`table.totals[data-settlement="${id}"] tr[data-currency="eur"] td`).allInnerTexts();
      assert.deepEqual(cells, ['eur', '2', '1', '1', '0', '123.45 eur', '0.45 eur', '99.00 eur']);

      await Promise.all([page.waitForNavigation(), page.click(`a[href="/ops/settlements/${id}"]`)]);
      const text = await page.locator('body').innerText();
      assert.match(text, new RegExp(batch));
      assert.match(text, /partially_accepted/);
      assert.match(text, /rejected/);
      assert.equal(await page.locator('table').nth(2).locator('tr').count(), 3, 'the items table: a header and two items');
    });

    it('shows today in the platform time zone when no date is given, and says so for a bad one', async () => {
      await logIn();
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(await page.inputValue('input[name="date"]'), today);
      await page.goto(url('/ops/settlements?date=2022-02-30'));
      assert.equal(await page.inputValue('input[name="date"]'), today);
      assert.match(await flash(), /Not a date: 2022-02-30/);
    });
  });

  describe('the exceptions queue', () => {
    const insertException = (context: Record<string, unknown> = { difference: { amount: 120, currency: 'usd', of: 'amount' } }) =>
      insertExceptionRow(suite.stack.db, { context });

    it('resolving an exception through its form marks it resolved and writes the audit log', async () => {
      const id = await insertException();
      await logIn();
      await page.goto(url('/ops/exceptions'));
      const row = page.locator(`tr[id="${id}"]`);
      assert.equal(await row.getAttribute('data-status'), 'open');
      assert.match(await row.innerText(), /\+1\.20 usd \(amount\)/, 'the difference a person decides on');
      await row.locator('select[name="action"]').selectOption('accept');
      await row.locator('input[name="note"]').fill('Confirmed with the PSP <support> & closed');
      await Promise.all([page.waitForNavigation(), row.locator('button').click()]);

      assert.match(page.url(), /\/ops\/exceptions\?status=open$/);
      assert.equal(await flash(), `${id} resolved: accept.`);
      assert.equal(await page.locator(`tr[id="${id}"]`).count(), 0, 'no longer in the open queue');

      const [exception] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.id, id));
      assert.equal(exception!.status, 'resolved');
      const audit = await suite.stack.db.select().from(auditLog).where(eq(auditLog.subjectId, id));
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, finance.id);
      assert.equal(audit[0]!.action, 'accept');
      assert.equal((audit[0]!.details as { note: string }).note, 'Confirmed with the PSP <support> & closed');

      await page.goto(url('/ops/exceptions?status=resolved'));
      assert.equal(await page.locator(`tr[id="${id}"]`).getAttribute('data-status'), 'resolved');
    });

    it('shows why a decision was refused, and leaves the exception open', async () => {
      const id = await insertException({ note: 'no difference recorded' });
      await logIn();
      await page.goto(url('/ops/exceptions?category=2'));
      const row = page.locator(`tr[id="${id}"]`);
      await row.locator('select[name="action"]').selectOption('write_off');
      await row.locator('input[name="note"]').fill('write it off');
      await Promise.all([page.waitForNavigation(), row.locator('button').click()]);
      assert.match(page.url(), /\/ops\/exceptions\?status=open&category=2$/);
      assert.match(await flash(), new RegExp(`^${id} not resolved: .*no difference`));
      assert.equal(await page.locator(`tr[id="${id}"]`).getAttribute('data-status'), 'open');
    });

    it("refuses a resolve without the session's CSRF token", async () => {
      const id = await insertException();
      await logIn();
      await page.goto(url('/ops/exceptions'));
      const token = await page.locator(`tr[id="${id}"] input[name="csrf_token"]`).inputValue();
      for (const csrf_token of [undefined, 'forged', `${token}x`]) {
        // The browser context's own cookies: a request with a valid session and a bad token.
        const answer = await context.request.post(url(`/ops/exceptions/${id}/resolve`), {
          form: { action: 'accept', note: 'forged', ...(csrf_token === undefined ? {} : { csrf_token }) },
          maxRedirects: 0,
        });
        assert.equal(answer.status(), 403);
      }
      const [exception] = await suite.stack.db.select().from(exceptions).where(eq(exceptions.id, id));
      assert.equal(exception!.status, 'open');
    });

    it('shows hostile values as text, never as markup', async () => {
      const id = await insertException({ note: '<img src=x onerror="document.title=\'owned\'">' });
      await logIn();
      await page.goto(url('/ops/exceptions'));
      await page.locator(`tr[id="${id}"] summary`).click();
      assert.match(await page.locator(`tr[id="${id}"]`).innerText(), /<img src=x onerror=/);
      assert.equal(await page.locator(`tr[id="${id}"] img`).count(), 0);
      assert.notEqual(await page.title(), 'owned');
    });
  });

  describe('payout approvals', () => {
    let shop: { id: string; client: HoldfastClient };
    const payout = async (id: string) => answered(await shop.client.GET('/v1/payouts/{id}', withId(id)), 200);
    let seller: string;

    before(async function () {
      this.timeout(180_000);
      await suite.stack.startWorker();
      shop = await suite.stack.merchant({ feeBps: 0 });
      seller = await createSeller(shop.client);
      await capturedPayment(shop.client, { amount: 10_000, currency: 'usd', psp: 'stripe', splits: [{ seller, amount: 8_000 }] });
      // This stack's only settlement of today: it makes the seller's share available.
      await settle(await financeClient(suite.stack), { date: today() });
    });
    after(() => suite.stack.stopWorkers());

    it(`approving a payout above ${APPROVAL_THRESHOLD} through its form sends the workflow's approve Update as the finance key; a stale form is refused`, async () => {
      const created = answered(await shop.client.POST('/v1/payouts', { body: { seller, amount: 6_000, currency: 'usd' } }), 201);
      assert.equal(created.status, 'requires_approval');
      const id = created.id;

      await logIn();
      // Opened before the approval: its Approve form goes stale.
      const stale = await context.newPage();
      await stale.goto(url('/ops/payouts'));
      await Promise.all([page.waitForNavigation(), page.click('nav a[href="/ops/payouts"]')]);
      const row = page.locator(`tr[id="${id}"]`);
      const forged = await context.request.post(url(`/ops/payouts/${id}/approve`), { form: { csrf_token: 'forged' }, maxRedirects: 0 });
      assert.equal(forged.status(), 403, 'the session alone approves nothing');
      const cells = await row.locator('td').allInnerTexts();
      assert.deepEqual(cells.slice(0, 6), [id, shop.id, seller, '60.00 usd', 'stripe', new Date(created.created * 1000).toISOString()]);
      await Promise.all([page.waitForNavigation(), row.locator('button').click()]);

      assert.equal(new URL(page.url()).pathname, '/ops/payouts');
      assert.equal(await flash(), `${id} approved: 60.00 usd to ${seller}, now pending.`);
      assert.equal(await page.locator(`tr[id="${id}"]`).count(), 0, 'no longer waiting');
      const approved = await payout(id);
      assert.notEqual(approved.status, 'requires_approval');
      assert.equal(approved.approved_by, finance.id);

      const [refused] = await Promise.all([stale.waitForNavigation(), stale.locator(`tr[id="${id}"] button`).click()]);
      assert.equal(refused?.status(), 200);
      assert.equal(new URL(stale.url()).pathname, '/ops/payouts');
      assert.match(
        await stale.locator('.flash.error').innerText(),
        new RegExp(`^${id} not approved: This payout is \\w+; only a payout awaiting approval`),
      );
      assert.equal((await payout(id)).approved_by, finance.id, 'the first approval stands');
    });
  });
});
