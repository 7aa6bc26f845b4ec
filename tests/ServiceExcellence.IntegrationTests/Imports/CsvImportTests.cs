using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Infrastructure.Integrations;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Imports;

public sealed class CsvImportTests : IAsyncLifetime
{
    private const string Header = "externalReference,clientReference,contactEmail,contactName,serviceLine,occurredAt,channel,invoicedAmount,currency";

    private readonly AppFactory _app = new();
    private StaffSession _member = default!;

    public async ValueTask InitializeAsync()
    {
        await TestData.SeedAsync(_app);
        _member = await _app.SignInAsync(StaffRole.TeamMember);
    }

    public async ValueTask DisposeAsync()
    {
        _member.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Quoted_fields_with_commas_quotes_and_line_breaks_in_a_file_with_a_bom_are_previewed_then_imported()
    {
        var csv = "\uFEFF" + Header + "\r\n"
            + "C-1,CRM-1,anna@northwind.example,\"Andersen, Anna \"\"AA\"\"\",REPAIR,2026-06-14T15:30:00+02:00,OnSite,480.50,EUR\r\n"
            + "C-2,CRM-1,ben@northwind.example,\"Ben\nBecker\",repair,2026-06-14T16:00:00Z,Phone,,\r\n";

        var preview = await UploadAsync(csv);

        Assert.Equal("2", Text(preview, "#would-create"));
        Assert.Equal("0", Text(preview, "#rejected"));
        var rows = preview.QuerySelectorAll("#preview tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("Andersen, Anna \"AA\"", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));

        var done = await StartAndRunAsync(preview);

        Assert.Equal("Import complete", done.QuerySelector("#import-status h2")!.TextContent);
        Assert.Equal("2", Text(done, "#import-created"));
        Assert.Null(done.QuerySelector("#report"));
        var stored = await _app.QueryAsync(db => db.Transactions.OrderBy(t => t.ExternalReference).ToListAsync());
        Assert.Equal(["C-1", "C-2"], stored.Select(t => t.ExternalReference));
        Assert.All(stored, t => Assert.Equal("csv", t.SourceSystem));
        Assert.Equal((Channel.OnSite, 480.5m), (stored[0].Channel, stored[0].InvoicedAmount));
        var ben = await _app.QueryAsync(db => db.Contacts.SingleAsync(c => c.Email == "ben@northwind.example"));
        Assert.Equal("Ben\nBecker", ben.Name);
    }

    [Fact]
    public async Task Every_rows_problems_are_shown_before_anything_is_stored_and_the_rejected_rows_can_be_downloaded_after()
    {
        var csv = Header + "\n"
            + "P-1,CRM-1,anna@northwind.example,Anna,REPAIR,2026-06-14T15:30:00Z,OnSite,10,EUR\n"
            + "P-2,CRM-1,anna@northwind.example,Anna,REPAIR,14/06/2026,OnSite,10,EUR\n"
            + "P-3,CRM-404,anna@northwind.example,Anna,REPAIR,2026-06-14T15:30:00Z,OnSite,10,EUR\n"
            + "P-4,CRM-1,anna@northwind.example,Anna,REPAIR,2026-06-14T15:30:00Z,OnSite,ten euros,EUR\n"
            + "P-5,CRM-1,,Anna,NOPE,2026-06-14T15:30:00Z,OnSite,10,EUR\n";

        var preview = await UploadAsync(csv);

        Assert.Equal(("1", "4"), (Text(preview, "#would-create"), Text(preview, "#rejected")));
        var problems = preview.QuerySelectorAll("#problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, problems.Count);
        Assert.StartsWith("Line 3 (invalid): occurredAt:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("Line 4 (unknown reference): clientReference:", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("Line 5 (invalid): invoicedAmount:", problems[2], StringComparison.Ordinal);
        Assert.Contains("contact.email", problems[3], StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));

        var done = await StartAndRunAsync(preview);

        Assert.Equal(("1", "4"), (Text(done, "#import-created"), Text(done, "#import-rejected")));
        var report = await _member.Client.GetAsync(done.QuerySelector<IHtmlAnchorElement>("#report")!.GetAttribute("href"));
        Assert.Equal("text/csv", report.Content.Headers.ContentType?.MediaType);
        var lines = (await report.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Header + ",line,problems", lines[0]);
        Assert.Equal(["P-2", "P-3", "P-4", "P-5"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(["P-1"], await _app.QueryAsync(db => db.Transactions.Select(t => t.ExternalReference).ToListAsync()));
    }

    [Fact]
    public async Task Importing_the_same_file_again_records_nothing_new()
    {
        var csv = Header + "\n" + "R-1,CRM-1,anna@northwind.example,Anna,REPAIR,2026-06-14T15:30:00Z,OnSite,10,EUR\n";
        await StartAndRunAsync(await UploadAsync(csv));

        var again = await UploadAsync(csv);

        Assert.Equal(("0", "1"), (Text(again, "#would-create"), Text(again, "#existing")));
        Assert.NotNull(again.QuerySelector("#start button[disabled]"));
        Assert.Equal(1, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    [Theory]
    [InlineData("externalReference,clientReference\nA-1,CRM-1,extra\n", "Line 2 has 3 fields but the header has 2.")]
    [InlineData("externalReference,clientReference\n\"A-1,CRM-1\n", "A quoted field is never closed")]
    [InlineData("externalReference,clientReference\n", "The file has a header but no rows.")]
    [InlineData("", "Choose a CSV file.")]
    public async Task A_malformed_file_is_refused_with_a_clear_message_and_nothing_is_stored(string csv, string message)
    {
        var response = await PostFileAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.StartsWith(message, StaffSession.FieldError(page, "Input.File"), StringComparison.Ordinal);
        Assert.Equal(0, await _app.QueryAsync(db => db.TransactionImports.CountAsync()));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_beside_the_file_field()
    {
        var large = Encoding.UTF8.GetBytes(Header + "\n" + new string('x', 10 * 1024 * 1024) + "\n");

        var page = await StaffSession.ParseAsync(await PostFileAsync(large));

        Assert.Equal("The file is larger than 10 MB; split it into smaller files.", StaffSession.FieldError(page, "Input.File"));
        Assert.Equal(0, await _app.QueryAsync(db => db.TransactionImports.CountAsync()));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        var latin1 = Encoding.Latin1.GetBytes("externalReference,contactName\nA-1,Chloé\n");

        var page = await StaffSession.ParseAsync(await PostFileAsync(latin1));

        Assert.StartsWith("The file is not UTF-8 text.", StaffSession.FieldError(page, "Input.File"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Columns_named_otherwise_are_mapped_on_the_preview_before_the_import_can_start()
    {
        var csv = "Ticket;Customer;Mail;Process;When\nT-1;CRM-1;anna@northwind.example;REPAIR;2026-06-14T15:30:00Z\n";
        var preview = await UploadAsync(csv);
        Assert.NotNull(preview.QuerySelector("#missing-fields"));
        Assert.Null(preview.QuerySelector("#start"));

        var response = await _member.PostFormAsync(new Uri(preview.BaseUri).AbsolutePath, new()
        {
            ["Map.Columns[0]"] = "Ticket",
            ["Map.Columns[1]"] = "Customer",
            ["Map.Columns[2]"] = "Mail",
            ["Map.Columns[5]"] = "Process",
            ["Map.Columns[7]"] = "When",
        }, "#mapping");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mapped = await _member.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Null(mapped.QuerySelector("#missing-fields"));
        Assert.Equal("1", Text(mapped, "#would-create"));
    }

    [Fact]
    public async Task Ten_thousand_rows_are_imported_in_the_background_with_their_progress()
    {
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < 10_000; i++)
        {
            csv.Append($"BULK-{i:00000},CRM-1,person{i % 50}@northwind.example,Person {i % 50},REPAIR,2026-06-{1 + (i % 14):00}T10:00:00Z,Web,{i % 300}.25,EUR\n");
        }

        var preview = await UploadAsync(csv.ToString());
        Assert.Equal(("10,000", "0"), (Text(preview, "#would-create"), Text(preview, "#rejected")));
        Assert.Equal(20, preview.QuerySelectorAll("#preview tbody tr").Length);

        var done = await StartAndRunAsync(preview);

        Assert.Equal("10,000", Text(done, "#import-created"));
        Assert.Equal("100", done.QuerySelector("#import-progress")!.GetAttribute("value"));
        Assert.Equal(10_000, await _app.QueryAsync(db => db.Transactions.CountAsync(t => t.SourceSystem == "csv")));
        Assert.Equal(50, await _app.QueryAsync(db => db.Contacts.CountAsync(c => c.Email!.StartsWith("person"))));
        var status = await _member.Client.GetStringAsync(done.QuerySelector("#import-status")!.GetAttribute("data-status-url"));
        Assert.Contains("\"processedRows\":10000", status, StringComparison.Ordinal);
        Assert.Contains("\"finished\":true", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_member_of_staff_cannot_see_an_import()
    {
        var preview = await UploadAsync(Header + "\nX-1,CRM-1,anna@northwind.example,Anna,REPAIR,2026-06-14T15:30:00Z,OnSite,10,EUR\n");
        using var other = await _app.SignInAsync(StaffRole.TeamMember);

        var path = new Uri(preview.BaseUri).AbsolutePath;
        Assert.StartsWith("/Transactions/ImportPreview/", path, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _member.Client.GetAsync(path)).StatusCode);
    }

    private async Task<IDocument> UploadAsync(string csv)
    {
        var response = await PostFileAsync(Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var page = await _member.GetPageAsync(location);
        return await ReparseWithAddressAsync(page, location);
    }

    /// <summary>Posts the upload form with the file, the page's antiforgery token and the default source.</summary>
    private async Task<HttpResponseMessage> PostFileAsync(byte[] content)
    {
        var page = await _member.GetPageAsync("/Transactions/Import");
        var token = page.QuerySelector<IHtmlInputElement>("#upload input[name='__RequestVerificationToken']")!.Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("csv"), "Input.SourceSystem" },
        };
        if (content.Length > 0)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "Input.File", "transactions.csv");
        }

        return await _member.Client.PostAsync("/Transactions/Import", form);
    }

    /// <summary>Confirms the preview, runs the import worker once as the background service would, and opens the page again.</summary>
    private async Task<IDocument> StartAndRunAsync(IDocument preview)
    {
        var path = new Uri(preview.BaseUri).AbsolutePath;
        var started = await _member.PostFormAsync(path, [], "#start");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var running = await _member.GetPageAsync(path);
        Assert.Equal("Importing…", running.QuerySelector("#import-status h2")!.TextContent);

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TransactionImportProcessor>().RunDueAsync(CancellationToken.None));
        }

        return await _member.GetPageAsync(path);
    }

    private static async Task<IDocument> ReparseWithAddressAsync(IDocument page, string location)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(request => request.Content(page.DocumentElement.OuterHtml).Address("https://localhost" + location));
    }

    private static string Text(IDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();
}
