using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Guarantees;

/// <summary>The customer's guarantee page: what it accepts, what it refuses, and one open invocation per transaction.</summary>
public sealed class GuaranteeLinkTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        // Several transactions of one contact in a test: no 14-day pause between their surveys.
        _app.Settings["Surveys:ThrottleDays"] = "0";
        _data = await TestData.SeedAsync(_app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("-0.01", "The amount cannot be negative.")]
    [InlineData("480.01", "The amount cannot be more than the 480.00 EUR invoiced.")]
    [InlineData("a lot", "Enter the amount as a number, such as 120.50.")]
    [InlineData("1,000.00", "Enter the amount as a number, such as 120.50.")]
    [InlineData("", "Enter an amount: 0 if it was worth nothing to you.")]
    public async Task An_amount_outside_nothing_to_the_invoiced_amount_is_refused_beside_the_field_and_nothing_is_stored(string amount, string message)
    {
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();

        var response = await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = amount, ["Input.Reason"] = "Late." }, "#guarantee-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(message, StaffSession.FieldError(page, "Input.ChosenAmount"));
        Assert.Equal("amount-hint amount-error", page.QuerySelector("#chosen-amount")!.GetAttribute("aria-describedby"));
        Assert.Equal(amount, page.QuerySelector("#chosen-amount")!.GetAttribute("value") ?? string.Empty);
        Assert.Equal(0, await _app.QueryAsync(db => db.GuaranteeInvocations.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.Alerts.CountAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Kind.StartsWith("guarantee"))));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("480", 480)]
    [InlineData("480.00", 480)]
    [InlineData("199,99", 199.99)]
    public async Task Nothing_up_to_the_invoiced_amount_is_accepted(string amount, decimal stored)
    {
        var (transactionId, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();

        var response = await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = amount, ["Input.Reason"] = "Late." }, "#guarantee-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var invocation = await _app.QueryAsync(db => db.GuaranteeInvocations.SingleAsync());
        Assert.Equal((stored, 480m, transactionId), (invocation.ChosenAmount, invocation.InvoicedAmount, invocation.TransactionId!.Value));
    }

    [Fact]
    public async Task A_reason_is_required_and_at_most_2000_characters()
    {
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();

        var missing = await StaffSession.ParseAsync(await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = "10", ["Input.Reason"] = " " }, "#guarantee-form"));
        var tooLong = await StaffSession.ParseAsync(await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = "10", ["Input.Reason"] = new string('x', 2_001) }, "#guarantee-form"));

        Assert.Equal("Please tell us why.", StaffSession.FieldError(missing, "Input.Reason"));
        Assert.Equal("Please keep the reason under 2,000 characters.", StaffSession.FieldError(tooLong, "Input.Reason"));
        Assert.Equal(0, await _app.QueryAsync(db => db.GuaranteeInvocations.CountAsync()));
    }

    [Fact]
    public async Task A_Spanish_page_refuses_in_Spanish()
    {
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();

        var page = await StaffSession.ParseAsync(await customer.PostFormAsync($"/g/{token}?lang=es", new() { ["Input.ChosenAmount"] = "mucho", ["Input.Reason"] = "" }, "#guarantee-form"));

        Assert.Equal("es", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Indique el importe como número, por ejemplo 120,50.", StaffSession.FieldError(page, "Input.ChosenAmount"));
        Assert.Equal("Díganos por qué, por favor.", StaffSession.FieldError(page, "Input.Reason"));
    }

    [Fact]
    public async Task A_second_invocation_for_the_same_transaction_shows_the_first_and_stores_nothing_new()
    {
        var (transactionId, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();
        var staleForm = await customer.GetPageAsync($"/g/{token}");
        await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = "100", ["Input.Reason"] = "Late." }, "#guarantee-form");
        _app.Clock.Advance(TimeSpan.FromDays(2));

        var again = await customer.GetPageAsync($"/g/{token}");
        var secondTab = await customer.Client.PostAsync($"/g/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.ChosenAmount"] = "0",
            ["Input.Reason"] = "Changed my mind: nothing.",
            ["__RequestVerificationToken"] = staleForm.QuerySelector("#guarantee-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        }));
        using var president = await _app.SignInAsync(StaffRole.President);
        var logged = await president.PostFormAsync($"/Guarantees/Log?contactId={_data.Anna.Id}", new()
        {
            ["Transaction"] = transactionId.ToString(),
            ["Input.ChosenAmount"] = "50",
            ["Input.Reason"] = "Called about the same visit.",
        }, "#log-form");

        Assert.Null(again.QuerySelector("#guarantee-form"));
        Assert.Equal("You have invoked our guarantee", again.QuerySelector("h1")!.TextContent);
        Assert.Contains("You invoked the guarantee on 15 June 2026, saying the service was worth 100.00 EUR of the 480.00 EUR invoiced. The president will contact you.",
            again.QuerySelector("#guarantee-existing")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, secondTab.StatusCode);
        Assert.Equal($"/g/{token}", secondTab.Headers.Location!.OriginalString);
        var invocation = await _app.QueryAsync(db => db.GuaranteeInvocations.SingleAsync());
        Assert.Equal(100m, invocation.ChosenAmount);
        Assert.Equal($"/Guarantees/Details/{invocation.Id}", logged.Headers.Location!.OriginalString);
        Assert.Equal(1, await _app.QueryAsync(db => db.Alerts.CountAsync()));
    }

    [Fact]
    public async Task Once_settled_the_transaction_can_be_invoked_again()
    {
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();
        await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = "100", ["Input.Reason"] = "Late." }, "#guarantee-form");
        await _app.ExecuteAsync(async db => (await db.GuaranteeInvocations.SingleAsync()).Settle(100, true, null, null, Guid.NewGuid(), _app.Clock.GetUtcNow()));

        var page = await customer.GetPageAsync($"/g/{token}");

        Assert.NotNull(page.QuerySelector("#guarantee-form"));
    }

    [Fact]
    public async Task A_bad_or_expired_link_gets_the_one_invalid_link_page()
    {
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];

        var unknown = await customer.GetPageAsync($"/g/{tampered}", HttpStatusCode.NotFound);
        var post = await customer.Client.PostAsync($"/g/{tampered}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.ChosenAmount"] = "0", ["Input.Reason"] = "x" }));
        _app.Clock.Advance(TimeSpan.FromDays(31));
        var expired = await customer.GetPageAsync($"/g/{token}", HttpStatusCode.NotFound);

        Assert.Equal("This link cannot be used", unknown.QuerySelector("h1")!.TextContent);
        Assert.NotEqual(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("This link cannot be used", expired.QuerySelector("h1")!.TextContent);
        Assert.Equal(0, await _app.QueryAsync(db => db.GuaranteeInvocations.CountAsync()));
    }

    [Fact]
    public async Task The_rating_page_and_the_thank_you_page_offer_the_guarantee()
    {
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-1");
        using var customer = _app.NewSession();

        var rate = await customer.GetPageAsync($"/r/{token}?lang=es");
        await customer.PostFormAsync($"/r/{token}", new() { ["Input.Overall"] = "2" }, "#rating-form");
        var thanks = await customer.GetPageAsync($"/r/{token}/thanks");

        Assert.Equal($"/g/{token}?lang=es", rate.QuerySelector("#guarantee-link")!.GetAttribute("href"));
        Assert.Equal("¿No está satisfecho? Invoque nuestra garantía", rate.QuerySelector("#guarantee-link")!.TextContent);
        Assert.Equal($"/g/{token}", thanks.QuerySelector("#guarantee-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Repeated_bad_guarantee_links_from_one_address_are_refused_with_429()
    {
        using var guesser = _app.NewSession();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await guesser.Client.GetAsync("/g/" + new string((char)('a' + i), 43))).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(10));
    }
}
