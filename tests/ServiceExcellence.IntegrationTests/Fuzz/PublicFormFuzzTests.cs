using System.Net;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.IntegrationTests.Guarantees;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.IntegrationTests.Fuzz;

/// <summary>
/// The customer pages behind the emailed link take anything a browser (or a script) can post: non-numeric and
/// huge scores, megabyte comments, hostile amounts and reasons, random tokens of any length and alphabet. The
/// answer is a page with the messages beside the fields, the one bad-link page, or the rate limit — never a
/// server error — and a refused answer stores nothing.
/// </summary>
public sealed class PublicFormFuzzTests : IAsyncLifetime
{
    private static readonly Gen<string> Score = Gen.Frequency(
        (3, Gen.Int[-2, 12].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("", " ", "abc", "3.5", "3,5", "1e1", "0x3", "+3", "-0", "99999999999", "2147483648", "-2147483649", "１", "٣", "3\0", "NaN", "true", "null")),
        (1, Hostile.ShortText));

    private readonly AppFactory _app = new() { Settings = { ["RateLimits:PublicPagesPerMinute"] = "1000000" } };
    private TestData _data = default!;
    private int _next;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public async ValueTask DisposeAsync()
    {
        // Whatever a test let through must also fit the columns of the production database.
        var violations = await ColumnLimits.ViolationsAsync(_app);
        await _app.DisposeAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Any_rating_form_is_recorded_within_its_rules_or_refused_beside_the_fields_and_nothing_is_stored()
    {
        var comment = Gen.Frequency((4, Hostile.Text), (1, Gen.Const(Hostile.Megabyte())), (1, Gen.Const(new string('x', Rating.MaxCommentLength))));
        var categories = Gen.Frequency((3, Gen.Const(string.Empty)), (1, Gen.Guid.Select(g => g.ToString())), (1, Hostile.ShortText));
        var language = Gen.Frequency((3, Gen.Const(string.Empty)), (1, Gen.OneOf("de", "es", "xx", "en-US")), (1, Hostile.ShortText));
        var form = Gen.Select(Score, Score, Score, Score, comment, categories, language, (o, r, e, l, c, f, lang) => new RatingForm(o, r, e, l, c, f, lang));

        await Check.SampleAsync(form, async answer =>
        {
            var (transactionId, token) = await LinkAsync("FZ-R");
            var alerts = await _app.QueryAsync(db => db.Alerts.CountAsync());
            using var customer = _app.NewSession();
            var link = $"/r/{token}" + (answer.Language.Length == 0 ? string.Empty : "?lang=" + Uri.EscapeDataString(Hostile.Encodable(answer.Language)));

            var response = await customer.PostFormAsync(link, new()
            {
                ["Input.Overall"] = answer.Overall,
                ["Input.Reliability"] = answer.Reliability,
                ["Input.Empathy"] = answer.Empathy,
                ["Input.LikelihoodToRecommend"] = answer.Recommend,
                ["Input.Comment"] = answer.Comment,
                ["Input.FailureCategoryIds"] = answer.Category,
            }, "#rating-form");

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
            var rating = await _app.QueryAsync(db => db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.TransactionId == transactionId));
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.NotNull(rating);
                Assert.InRange(rating.Overall, 1, 5);
                Assert.True((rating.Comment?.Length ?? 0) <= Rating.MaxCommentLength);
                return;
            }

            Assert.Null(rating);
            Assert.Equal(alerts, await _app.QueryAsync(db => db.Alerts.CountAsync()));
            var page = await StaffSession.ParseAsync(response);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Contains(page.QuerySelectorAll(".invalid-feedback, .text-danger, [role=alert], #overall-error"), e => e.TextContent.Trim().Length > 0);
            }
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Equal("The request could not be read", page.QuerySelector("h1")?.TextContent.Trim());
            }
        }, iter: Hostile.Iterations(150), threads: 1, print: a => $"overall={a.Overall} reliability={a.Reliability} empathy={a.Empathy} recommend={a.Recommend} category={a.Category} lang={a.Language} comment({a.Comment.Length})={a.Comment[..Math.Min(80, a.Comment.Length)]}");
    }

    [Fact]
    public async Task Any_guarantee_form_opens_one_invocation_within_the_invoiced_amount_or_is_refused_and_nothing_is_stored()
    {
        var amount = Gen.Frequency(
            (2, Gen.Decimal[-10m, 600m].Select(d => decimal.Round(d, 2).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (2, Gen.OneOf("", " ", "0", "-0", "480", "480.00", "480,01", "480.001", "1.000", "1,000.00", "1e3", "99999999999", "999999999999", "9999999999999",
                "79228162514264337593543950336", "−5", "１２０", "١٢٠", "120 €", "€120", "NaN", "0x10", "120\0")),
            (1, Hostile.ShortText));
        var reason = Gen.Frequency((4, Hostile.Text), (1, Gen.Const(Hostile.Megabyte())));

        await Check.SampleAsync(Gen.Select(amount, reason, (a, r) => (Amount: a, Reason: r)), async form =>
        {
            var (transactionId, token) = await LinkAsync("FZ-G");
            var outbox = await _app.QueryAsync(db => db.OutboxMessages.CountAsync());
            using var customer = _app.NewSession();

            var response = await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = form.Amount, ["Input.Reason"] = form.Reason }, "#guarantee-form");

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
            var invocations = await _app.QueryAsync(db => db.GuaranteeInvocations.AsNoTracking().Where(g => g.TransactionId == transactionId).ToListAsync());
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var invocation = Assert.Single(invocations);
                Assert.InRange(invocation.ChosenAmount, 0m, invocation.InvoicedAmount);
                return;
            }

            Assert.Empty(invocations);
            Assert.Equal(outbox, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        }, iter: Hostile.Iterations(150), threads: 1, print: f => $"amount={f.Amount} reason({f.Reason.Length})={f.Reason[..Math.Min(80, f.Reason.Length)]}");
    }

    [Fact]
    public async Task A_random_token_of_any_length_and_alphabet_is_the_bad_link_page_or_the_rate_limit_and_stores_nothing()
    {
        var token = Gen.Frequency(
            (3, Gen.String[Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"], 0, 100]),
            (2, Hostile.Text.Select(t => t.Replace("\0", string.Empty, StringComparison.Ordinal))), // a NUL in a path is refused by the server before the app
            (1, Gen.Int[1_000, 20_000].Select(n => new string('A', n))));
        var page = Gen.OneOf("r", "g", "u");

        await Check.SampleAsync(Gen.Select(token, page, Gen.Bool, (t, p, post) => (Token: t, Page: p, Post: post)), async request =>
        {
            var before = await _app.QueryAsync(async db => (await db.Ratings.CountAsync(), await db.GuaranteeInvocations.CountAsync(), await db.OutboxMessages.CountAsync()));
            using var customer = _app.NewSession();
            var path = $"/{request.Page}/{Uri.EscapeDataString(Hostile.Encodable(request.Token))}";

            var response = request.Post
                ? await customer.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Overall"] = "1", ["Input.ChosenAmount"] = "0", ["Input.Reason"] = "x" }))
                : await customer.Client.GetAsync(path);

            // An empty token is no customer page at all: the staff app asks to sign in.
            Assert.True((int)response.StatusCode is >= 400 and < 500 || (request.Token.Length == 0 && response.StatusCode == HttpStatusCode.Redirect), $"{(int)response.StatusCode}");
            Assert.Equal(before, await _app.QueryAsync(async db => (await db.Ratings.CountAsync(), await db.GuaranteeInvocations.CountAsync(), await db.OutboxMessages.CountAsync())));
        }, iter: Hostile.Iterations(200), threads: 1, print: r => $"{(r.Post ? "POST" : "GET")} /{r.Page}/{r.Token[..Math.Min(100, r.Token.Length)]} ({r.Token.Length})");
    }

    /// <summary>A transaction for a new contact of Northwind (a contact surveyed lately is not asked again) and its survey link.</summary>
    private async Task<(Guid TransactionId, string Token)> LinkAsync(string prefix)
    {
        var number = Interlocked.Increment(ref _next);
        var contactId = Guid.Empty;
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            var contact = client.AddContact($"Contact {number}", $"contact{number}@northwind.example", "en");
            db.Contacts.Add(contact);
            contactId = contact.Id;
        });
        return await GuaranteeKit.LinkAsync(_app, _data, $"{prefix}-{number}", contactId);
    }

    private sealed record RatingForm(string Overall, string Reliability, string Empathy, string Recommend, string Comment, string Category, string Language);
}
