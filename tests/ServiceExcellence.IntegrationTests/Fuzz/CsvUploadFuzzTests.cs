using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Imports;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.IntegrationTests.Fuzz;

/// <summary>
/// Any file through the upload page — random bytes, invalid UTF-8, broken quoting, hostile values in every
/// column, hostile file names and source systems — gives either the preview (with each row's problems) or the
/// upload page with a message beside the field; never a server error, and no transaction until confirmed.
/// </summary>
public sealed class CsvUploadFuzzTests : IAsyncLifetime
{
    private const string Header = "externalReference,clientReference,contactEmail,contactName,contactLanguage,serviceLine,performedBy,occurredAt,channel,invoicedAmount,currency";

    private static readonly string[] GoodRow = ["R-1", "CRM-1", "anna@northwind.example", "Anna", "en", "REPAIR", "", "2026-06-14T15:30:00Z", "OnSite", "480.50", "EUR"];

    /// <summary>A file with the expected header whose cells are sometimes good, sometimes hostile.</summary>
    private static readonly Gen<byte[]> HostileRows =
        Gen.Frequency((1, Hostile.Text), (1, Gen.Const(string.Empty)))
            .Array[GoodRow.Length].Array[1, 8]
            .SelectMany(rows => Gen.Bool.Array[GoodRow.Length].Select(keep => Encoding.UTF8.GetBytes(Header + "\r\n" + string.Concat(rows.Select(row =>
                string.Join(",", row.Select((cell, i) => Quote(keep[i] ? GoodRow[i] : cell))) + "\r\n")))));

    private static readonly Gen<byte[]> AnyFile = Gen.Frequency(
        (2, Gen.Byte.Array[0, 300]),
        (2, Hostile.Utf8WithInvalidBytes),
        (2, Gen.String[Hostile.Characters, 0, 300].Select(Encoding.UTF8.GetBytes)),
        (4, HostileRows));

    private readonly AppFactory _app = new();
    private StaffSession _member = default!;

    public async ValueTask InitializeAsync()
    {
        await TestData.SeedAsync(_app);
        _member = await _app.SignInAsync(StaffRole.TeamMember);
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test let through must also fit the columns of the production database.
        var violations = await ColumnLimits.ViolationsAsync(_app);
        _member.Dispose();
        await _app.DisposeAsync();
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Any_upload_gives_the_preview_or_a_message_beside_the_field_and_records_no_transaction()
    {
        var fileName = Gen.String[Gen.Char[" abcXYZ019._-éß中\u202e\u200b"], 0, 40];
        var source = Gen.Frequency((3, Gen.Const("csv")), (1, Hostile.ShortText));
        var token = await TokenAsync();

        await Check.SampleAsync(Gen.Select(AnyFile, fileName, source, (f, n, s) => (File: f, Name: n, Source: s)), async upload =>
        {
            var before = await CountsAsync();
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(upload.Source), "Input.SourceSystem" },
            };
            if (upload.File.Length > 0)
            {
                var file = new ByteArrayContent(upload.File);
                file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                form.Add(file, "Input.File", string.IsNullOrWhiteSpace(upload.Name) ? "x.csv" : upload.Name);
            }

            var response = await _member.Client.PostAsync("/Transactions/Import", form);

            Assert.True((int)response.StatusCode < 500, $"upload: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                var location = response.Headers.Location!.ToString();
                var preview = await _member.Client.GetAsync(location);
                Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                var page = await StaffSession.ParseAsync(preview);
                Assert.NotNull(page.QuerySelector("#mapping"));
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var page = await StaffSession.ParseAsync(response);
                Assert.True(
                    StaffSession.FieldError(page, "Input.File") is not null || StaffSession.FieldError(page, "Input.SourceSystem") is not null,
                    "The upload page came back without a message beside a field.");
            }

            Assert.Equal(before, await CountsAsync());
        }, iter: Hostile.Iterations(150), threads: 1, print: u => $"{u.Name} / {u.Source}: {Convert.ToHexString(u.File.AsSpan(0, Math.Min(u.File.Length, 300)))}");
    }

    [Fact]
    public async Task Any_column_mapping_and_source_on_the_preview_is_saved_or_refused_beside_the_field_and_records_no_transaction()
    {
        var upload = await PostFileAsync(Encoding.UTF8.GetBytes(Header + "\r\n" + string.Join(",", GoodRow) + "\r\n"));
        var location = upload.Headers.Location!.ToString();
        var columns = Gen.Frequency((2, Gen.OneOf(Header.Split(','))), (1, Hostile.ShortText)).Array[0, CsvTransactions.Fields.Count + 2];
        var source = Gen.Frequency((3, Gen.Const("csv")), (1, Hostile.ShortText));

        await Check.SampleAsync(Gen.Select(columns, source, (c, s) => (Columns: c, Source: s)), async map =>
        {
            var before = await CountsAsync();
            var page = await StaffSession.ParseAsync(await _member.Client.GetAsync(location));
            var token = page.QuerySelector<IHtmlInputElement>("#mapping input[name='__RequestVerificationToken']")!.Value;
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token), new("Map.SourceSystem", map.Source) };
            fields.AddRange(map.Columns.Select((c, i) => new KeyValuePair<string, string>($"Map.Columns[{i}]", c)));

            var response = await _member.Client.PostAsync(page.QuerySelector("#mapping")!.GetAttribute("action"), new FormUrlEncodedContent(fields));

            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK or HttpStatusCode.BadRequest, $"map: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                // A form the server cannot read at all (a NUL in a value) fails its antiforgery check: the friendly page says so.
                Assert.Contains(map.Columns.Append(map.Source), v => v.Contains('\0', StringComparison.Ordinal));
                Assert.Equal("The request could not be read", (await StaffSession.ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
            }

            Assert.Equal(HttpStatusCode.OK, (await _member.Client.GetAsync(location)).StatusCode);
            Assert.Equal(before, await CountsAsync());
        }, iter: Hostile.Iterations(100), threads: 1, print: m => $"{m.Source}: {string.Join(" | ", m.Columns)}");
    }

    [Fact]
    public async Task A_form_posted_without_its_token_gets_the_friendly_page_not_a_blank_answer()
    {
        var response = await _member.Client.PostAsync("/Transactions/Import", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.SourceSystem"] = "csv" }));
        var direct = await _member.Client.PostAsync("/StatusCode?code=400", new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "y" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The request could not be read", (await StaffSession.ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.BadRequest, direct.StatusCode);
    }

    private async Task<string> TokenAsync()
    {
        var page = await _member.GetPageAsync("/Transactions/Import");
        return page.QuerySelector<IHtmlInputElement>("#upload input[name='__RequestVerificationToken']")!.Value;
    }

    private async Task<HttpResponseMessage> PostFileAsync(byte[] content)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync()), "__RequestVerificationToken" },
            { new StringContent("csv"), "Input.SourceSystem" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Input.File", "transactions.csv");
        var response = await _member.Client.PostAsync("/Transactions/Import", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private Task<(int Transactions, int Contacts, int Invitations, int Outbox)> CountsAsync() =>
        _app.QueryAsync(async db => (await db.Transactions.CountAsync(), await db.Contacts.CountAsync(), await db.SurveyInvitations.CountAsync(), await db.OutboxMessages.CountAsync()));

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
