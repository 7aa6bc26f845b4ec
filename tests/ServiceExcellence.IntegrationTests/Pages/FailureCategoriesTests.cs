using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class FailureCategoriesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task An_empty_list_explains_what_categories_are_for()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync("/Admin/FailureCategories");

        Assert.Contains("No failure categories yet", page.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_a_critical_category_and_finds_it_in_the_list()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/FailureCategories/Edit", new()
        {
            ["Input.Name"] = "  Safety incident ",
            ["Input.Description"] = "Someone was put at risk",
            ["Input.IsCritical"] = "true",
            ["Input.SortOrder"] = "5",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _app.QueryAsync(db => db.FailureCategories.SingleAsync());
        Assert.Equal(("Safety incident", "Someone was put at risk", true, true, 5), (saved.Name, saved.Description, saved.IsCritical, saved.IsActive, saved.SortOrder));
        var list = await admin.GetPageAsync(response.Headers.Location!.ToString());
        var row = list.QuerySelector("tbody tr")!;
        Assert.Contains("Safety incident", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("Critical", row.QuerySelector(".badge.text-bg-danger")!.TextContent);
        Assert.Contains("Active", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_renames_and_deactivates_a_category_which_stays_on_past_ratings()
    {
        var late = new FailureCategory("late", null, isCritical: false, sortOrder: 1);
        await _app.ExecuteAsync(db => Task.FromResult(db.FailureCategories.Add(late)));
        await RateWithAsync(late);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync($"/Admin/FailureCategories/Edit/{late.Id}", new()
        {
            ["Input.Name"] = "Late",
            ["Input.IsActive"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await _app.QueryAsync(db => db.FailureCategories.SingleAsync());
        Assert.Equal(("Late", false), (saved.Name, saved.IsActive));
        Assert.Equal(1, await _app.QueryAsync(db => db.RatingFailureCategories.CountAsync(r => r.FailureCategoryId == late.Id)));
        var row = (await admin.GetPageAsync("/Admin/FailureCategories")).QuerySelector("tbody tr")!;
        Assert.Contains("Inactive", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", row.QuerySelectorAll("td.num")[0].TextContent);
    }

    [Fact]
    public async Task A_name_another_category_has_in_a_different_case_is_refused_next_to_the_field()
    {
        await _app.ExecuteAsync(db => Task.FromResult(db.FailureCategories.Add(new FailureCategory("Billing error", null, false, 1))));
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/FailureCategories/Edit", new()
        {
            ["Input.Name"] = "BILLING ERROR ",
            ["Input.SortOrder"] = "2",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Another category already has this name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal(1, await _app.QueryAsync(db => db.FailureCategories.CountAsync()));
    }

    [Fact]
    public async Task A_category_without_a_name_or_with_a_sort_order_over_999_is_refused()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync("/Admin/FailureCategories/Edit", new()
        {
            ["Input.Name"] = " ",
            ["Input.SortOrder"] = "1000",
        });

        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Enter the category's name.", StaffSession.FieldError(page, "Input.Name"));
        Assert.Equal("Enter a sort order from 0 to 999.", StaffSession.FieldError(page, "Input.SortOrder"));
        Assert.Equal(0, await _app.QueryAsync(db => db.FailureCategories.CountAsync()));
    }

    [Fact]
    public async Task The_form_explains_critical_and_inactive_categories()
    {
        var late = new FailureCategory("Late", null, false, 1);
        await _app.ExecuteAsync(db => Task.FromResult(db.FailureCategories.Add(late)));
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync($"/Admin/FailureCategories/Edit/{late.Id}");

        Assert.Contains("raises an alert whatever its score", page.QuerySelector("#criticalHelp")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("stays on the ratings that already name it", page.QuerySelector("#activeHelp")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Failure_categories_are_forbidden_to_everyone_but_administrators(StaffRole role)
    {
        using var session = await _app.SignInAsync(role);

        var response = await session.Client.GetAsync("/Admin/FailureCategories");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private async Task RateWithAsync(FailureCategory category)
    {
        var data = await TestData.SeedAsync(_app);
        var now = _app.Clock.GetUtcNow();
        var transaction = new Transaction("crm", "T-1", data.Northwind, data.Anna, data.Repair, null, null, now.AddDays(-1), Channel.OnSite, 100m, "EUR");
        var invitation = SurveyInvitation.Create(transaction.Id, data.Anna.Id, "en", now, TimeSpan.FromDays(14));
        var rating = new Rating(invitation.Id, transaction.Id, data.Northwind.Id, data.Anna.Id, data.Repair.Id, data.Operations.Id, now);
        rating.Answer(new RatingAnswer(2, null, null, null, null, null, null, [category.Id], null, "en"));
        await _app.ExecuteAsync(db =>
        {
            db.Transactions.Add(transaction);
            db.SurveyInvitations.Add(invitation);
            db.Ratings.Add(rating);
            return Task.CompletedTask;
        });
    }
}
