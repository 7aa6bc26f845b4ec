using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Api;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class ApiKeysTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async ValueTask InitializeAsync() => await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task No_key_exists_until_an_administrator_creates_one()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/ApiKeys");

        Assert.Contains("No API keys yet", page.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_creates_a_key_sees_its_value_once_and_the_key_works()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ApiKeys", new() { ["Input.Name"] = "CRM production", ["Input.SourceSystem"] = "CRM" }, "#create-key");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var page = await Support.StaffSession.ParseAsync(response);
        var value = page.QuerySelector("#new-key-value")!.GetAttribute("value")!;
        Assert.StartsWith("se_", value, StringComparison.Ordinal);
        var row = Assert.Single(page.QuerySelectorAll("#api-keys tbody tr"));
        Assert.Contains("CRM production", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(value[..10] + "…", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("crm", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("never", row.QuerySelector(".last-used")!.TextContent);

        using var crm = ApiKit.Client(_app, value);
        Assert.Equal(HttpStatusCode.OK, (await crm.GetAsync("/api/v1/clients")).StatusCode);

        var again = await admin.GetPageAsync("/Admin/ApiKeys");
        Assert.Null(again.QuerySelector("#new-key-value"));
        Assert.DoesNotContain(value, again.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal("2026-06-15 09:00 UTC", again.QuerySelector("#api-keys .last-used")!.TextContent);
    }

    [Fact]
    public async Task A_key_without_a_name_or_with_a_bad_source_is_refused_beside_the_fields()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ApiKeys", new() { ["Input.Name"] = "", ["Input.SourceSystem"] = "crm prod" }, "#create-key");

        var page = await Support.StaffSession.ParseAsync(response);
        Assert.Equal("Name the key after the system that will use it.", Support.StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Use only letters, digits, '-', '_' and '.'.", Support.StaffSession.FieldError(page, "Input.SourceSystem"));
        Assert.Null(page.QuerySelector("#new-key-value"));
        Assert.Equal(0, await _app.QueryAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task An_administrator_revokes_a_key_and_it_is_refused_from_then_on()
    {
        var key = await _app.SendAsAdministratorAsync<CreateApiKey.Result>(new CreateApiKey.Command { Name = "Ticketing", SourceSystem = "ticketing" });
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/ApiKeys", [], $"form[action*='{key.Id}']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync("/Admin/ApiKeys");
        Assert.StartsWith("Revoked 2026-06-15 09:00", page.QuerySelector("#api-keys .status")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("#api-keys form"));
        using var ticketing = ApiKit.Client(_app, key.Value);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ticketing.GetAsync("/api/v1/clients")).StatusCode);
    }

    [Fact]
    public async Task Only_administrators_manage_keys()
    {
        using var manager = await _app.SignInAsync(StaffRole.Manager);

        var response = await manager.Client.GetAsync("/Admin/ApiKeys");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_lists_every_operation_and_its_answers_without_signing_in()
    {
        using var anonymous = _app.NewSession();

        var page = await anonymous.GetPageAsync("/ApiReference");

        var operations = page.QuerySelectorAll("#operations li").Select(li => li.TextContent).ToList();
        Assert.Equal(5, operations.Count);
        Assert.Contains(operations, o => o.StartsWith("POST /api/v1/transactions/batch", StringComparison.Ordinal));
        var post = page.QuerySelector("#post--api-v1-transactions")!;
        Assert.Equal(["200", "201", "400", "401", "409", "422", "429"], post.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent).ToArray());
        Assert.NotNull(page.QuerySelector("#schema-TransactionInput"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }
}
