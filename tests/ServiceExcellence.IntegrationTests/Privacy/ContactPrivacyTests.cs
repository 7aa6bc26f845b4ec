using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Privacy;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;

namespace ServiceExcellence.IntegrationTests.Privacy;

public sealed class ContactPrivacyTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        _data = await TestData.SeedAsync(_app);
        await PrivacyKit.BuildHistoryAsync(_app, _data);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task The_page_shows_everything_held_about_the_contact_with_counts()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var page = await admin.GetPageAsync(PrivacyKit.PrivacyUrl(_data));

        Assert.Equal("3", page.QuerySelector("[data-count='Transactions']")!.TextContent);
        Assert.Equal("2", page.QuerySelector("[data-count='Ratings']")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-count='Guarantee invocations']")!.TextContent);
        Assert.Equal("4", page.QuerySelector("[data-count='Emails']")!.TextContent);
        Assert.Contains("anna@northwind.example", page.QuerySelector("#contact-record")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("the \"engineer\" said", page.QuerySelector("#ratings")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Late arrival", page.QuerySelector("#ratings")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(PrivacyKit.GuaranteeReason, page.QuerySelector("#guarantees")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Fine work.", page.Body!.TextContent, StringComparison.Ordinal);
        var details = await admin.GetPageAsync($"/Admin/Clients/Details/{_data.Northwind.Id}");
        Assert.NotNull(details.QuerySelector($"a[href='{PrivacyKit.PrivacyUrl(_data)}']"));
    }

    [Fact]
    public async Task The_json_export_holds_the_contacts_data_and_is_recorded()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync(PrivacyKit.PrivacyUrl(_data), [], "form[data-export='json']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var root = json.RootElement;
        Assert.Equal("anna@northwind.example", root.GetProperty("contact").GetProperty("email").GetString());
        Assert.Equal(3, root.GetProperty("transactions").GetArrayLength());
        Assert.Equal(3, root.GetProperty("invitations").GetArrayLength());
        var comments = root.GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("comment").GetString()).ToList();
        Assert.Contains(PrivacyKit.TrickyComment, comments);
        Assert.Equal(PrivacyKit.GuaranteeReason, root.GetProperty("guarantees")[0].GetProperty("reason").GetString());
        var kinds = root.GetProperty("emails").EnumerateArray().Select(m => m.GetProperty("kind").GetString()).ToList();
        Assert.Equal([EmailKinds.GuaranteeConfirmation, EmailKinds.SurveyInvitation, EmailKinds.SurveyInvitation, EmailKinds.SurveyInvitation], kinds.Order());
        Assert.DoesNotContain("hash", json.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var entry = await _app.QueryAsync(db => db.PrivacyAudit.SingleAsync());
        Assert.Equal(PrivacyAction.ExportedJson, entry.Action);
        Assert.Equal(_data.Anna.Id, entry.ContactId);
        Assert.StartsWith("Administrator", entry.ActorName, StringComparison.Ordinal);
        Assert.Contains("3 transactions", entry.Summary, StringComparison.Ordinal);
        var page = await admin.GetPageAsync(PrivacyKit.PrivacyUrl(_data));
        Assert.Contains("Exported JSON", page.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_has_a_header_one_row_per_field_and_quotes_commas_quotes_and_newlines()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync(PrivacyKit.PrivacyUrl(_data), [], "form[data-export='csv']");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("section,recordId,field,value\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"contact,{_data.Anna.Id},email,anna@northwind.example\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",comment,\"Late, again; the \"\"engineer\"\" said:\nnext week.\"\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",failureCategories,Late arrival\r\n", csv, StringComparison.Ordinal);
        Assert.Equal(3, csv.Split("\r\n").Count(l => l.StartsWith("transaction,", StringComparison.Ordinal) && l.Contains(",externalReference,", StringComparison.Ordinal)));
        Assert.Equal(PrivacyAction.ExportedCsv, await _app.QueryAsync(db => db.PrivacyAudit.Select(e => e.Action).SingleAsync()));
    }

    [Fact]
    public async Task Erasure_removes_personal_data_everywhere_and_keeps_the_figures()
    {
        var before = await PrivacyKit.FiguresAsync(_app, _data);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync(PrivacyKit.PrivacyUrl(_data), new() { ["Erase.Confirmation"] = "anna andersen" }, "#erase-form");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contact = await _app.QueryAsync(db => db.Contacts.SingleAsync(k => k.Id == _data.Anna.Id));
        Assert.Equal(Contact.ErasedName, contact.Name);
        Assert.Null(contact.Email);
        Assert.True(contact.OptedOut);
        Assert.Equal(_app.Clock.GetUtcNow(), contact.ErasedAt);
        Assert.Empty(await _app.QueryAsync(db => db.Ratings.Where(r => r.ContactId == _data.Anna.Id && r.Comment != null).ToListAsync()));
        Assert.Equal("Fine work.", await _app.QueryAsync(db => db.Ratings.Where(r => r.ContactId != _data.Anna.Id).Select(r => r.Comment).SingleAsync()));
        Assert.Equal(GuaranteeInvocation.ErasedReason, await _app.QueryAsync(db => db.GuaranteeInvocations.Select(g => g.Reason).SingleAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.SurveyLinkTokens.CountAsync(t => db.SurveyInvitations.Any(i => i.Id == t.InvitationId && i.ContactId == _data.Anna.Id))));
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "anna@northwind.example" || m.TextBody.Contains("Anna"))));
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "ben@northwind.example")));
        Assert.DoesNotContain(await _app.QueryAsync(db => db.SurveyInvitations.Where(i => i.ContactId == _data.Anna.Id).Select(i => i.Status).ToListAsync()),
            s => s is InvitationStatus.Pending or InvitationStatus.Sent or InvitationStatus.Opened);
        Assert.Equal(before, await PrivacyKit.FiguresAsync(_app, _data));

        var entry = await _app.QueryAsync(db => db.PrivacyAudit.SingleAsync());
        Assert.Equal(PrivacyAction.Erased, entry.Action);
        Assert.Contains("1 rating comments", entry.Summary, StringComparison.Ordinal);
        var page = await admin.GetPageAsync(PrivacyKit.PrivacyUrl(_data));
        Assert.Null(page.QuerySelector("#erase-form"));
        Assert.DoesNotContain("Anna", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Erased", page.QuerySelector("#history")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_erased_contact_is_never_surveyed_again_and_erasing_twice_is_harmless()
    {
        using (var first = await _app.SignInAsync(StaffRole.Administrator))
        {
            await first.PostFormAsync(PrivacyKit.PrivacyUrl(_data), new() { ["Erase.Confirmation"] = "Anna Andersen" }, "#erase-form");
        }

        _app.Clock.Advance(TimeSpan.FromDays(30));
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var recorded = await SurveyLinks.RecordAsync(_app, _data, "T-after");
        var again = await admin.Client.PostAsync(PrivacyKit.PrivacyUrl(_data) + "?handler=Erase", await AntiforgeryFormAsync(admin, new() { ["Erase.Confirmation"] = Contact.ErasedName }));

        var invitation = await _app.QueryAsync(db => db.SurveyInvitations.SingleAsync(i => i.TransactionId == recorded.Id));
        Assert.Equal(InvitationStatus.Suppressed, invitation.Status);
        Assert.Equal(0, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.SurveyInvitationId == invitation.Id)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await _app.QueryAsync(db => db.PrivacyAudit.CountAsync()));
        var edit = await admin.PostFormAsync($"/Admin/Clients/Contact/{_data.Northwind.Id}/{_data.Anna.Id}", new() { ["Input.Name"] = "Anna", ["Input.Email"] = "anna@northwind.example" });
        Assert.Contains("erased on request", (await StaffSession.ParseAsync(edit)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_needs_the_contacts_name_typed_and_changes_nothing_without_it()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.PostFormAsync(PrivacyKit.PrivacyUrl(_data), new() { ["Erase.Confirmation"] = "Ben Becker" }, "#erase-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("The name does not match this contact's name.", StaffSession.FieldError(page, "Erase.Confirmation"));
        Assert.Equal("Anna Andersen", await _app.QueryAsync(db => db.Contacts.Where(k => k.Id == _data.Anna.Id).Select(k => k.Name).SingleAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.PrivacyAudit.CountAsync()));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var response = await admin.Client.PostAsync(PrivacyKit.PrivacyUrl(_data) + "?handler=Erase",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Erase.Confirmation"] = "Anna Andersen" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Anna Andersen", await _app.QueryAsync(db => db.Contacts.Where(k => k.Id == _data.Anna.Id).Select(k => k.Name).SingleAsync()));
    }

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.President)]
    public async Task Only_administrators_see_export_or_erase(StaffRole role)
    {
        using var session = await _app.SignInAsync(role);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var form = await AntiforgeryFormAsync(admin, new() { ["Erase.Confirmation"] = "Anna Andersen" });

        var page = await session.Client.GetAsync(PrivacyKit.PrivacyUrl(_data));
        var export = await session.Client.PostAsync(PrivacyKit.PrivacyUrl(_data) + "?handler=Export&format=Json", form);
        var erase = await session.Client.PostAsync(PrivacyKit.PrivacyUrl(_data) + "?handler=Erase", form);

        foreach (var response in new[] { page, export, erase })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("Anna Andersen", await _app.QueryAsync(db => db.Contacts.Where(k => k.Id == _data.Anna.Id).Select(k => k.Name).SingleAsync()));
        Assert.Equal(0, await _app.QueryAsync(db => db.PrivacyAudit.CountAsync()));
    }

    [Fact]
    public async Task A_contact_of_another_client_is_not_found()
    {
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        await admin.GetPageAsync($"/Admin/Clients/Privacy/{Guid.NewGuid()}/{_data.Anna.Id}", HttpStatusCode.NotFound);
    }

    /// <summary>The privacy page's erase form with its antiforgery token, as the signed-in administrator's browser would send it.</summary>
    private async Task<FormUrlEncodedContent> AntiforgeryFormAsync(StaffSession session, Dictionary<string, string> fields)
    {
        var page = await session.GetPageAsync(PrivacyKit.PrivacyUrl(_data));
        var token = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        return new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token });
    }
}
