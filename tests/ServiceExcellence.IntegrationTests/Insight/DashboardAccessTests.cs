using System.Net;
using System.Text;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Alerts;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Insight;

/// <summary>Who opens which dashboard and export, and what the CSV files look like.</summary>
public sealed class DashboardAccessTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;
    private InsightKit _kit = default!;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Surveys:ThrottleDays"] = "0";
        _data = await TestData.SeedAsync(_app);
        _kit = new InsightKit(_app, _data);
        await _kit.SeedWeekAsync();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_manager_opens_their_teams_dashboards_but_not_another_teams_nor_the_company()
    {
        var manager = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        using var session = _app.NewSession();
        await session.SignInAsync(manager.Email, AppFactory.Password);

        var own = await session.Client.GetAsync($"/Dashboard/Team/{_data.ClientTeam.Id}");
        var ownClient = await session.Client.GetAsync($"/Dashboard/Client/{_data.Northwind.Id}");
        var chooser = await session.GetPageAsync("/Dashboard");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ownClient.StatusCode);
        Assert.Equal(["Client Team North"], chooser.QuerySelectorAll("#teams a").Select(a => a.TextContent));
        Assert.Equal(["Northwind Traders"], chooser.QuerySelectorAll("#clients a").Select(a => a.TextContent));
        Assert.Null(chooser.QuerySelector("#company-dashboard"));

        foreach (var url in new[]
        {
            $"/Dashboard/Team/{_kit.South.Id}", $"/Dashboard/Client/{_kit.Contoso.Id}", $"/Dashboard/ServiceLine/{_kit.Billing.Id}",
            $"/Dashboard/Team/{Guid.NewGuid()}", $"/Dashboard/Team/{_kit.South.Id}?handler=Export&what=ratings",
            $"/Dashboard/Client/{_kit.Contoso.Id}?handler=Export&what=guarantees",
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.GetAsync("/Dashboard/Company")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await session.Client.GetAsync("/Dashboard/Company?handler=Export&what=alerts")).StatusCode);
    }

    [Fact]
    public async Task The_president_and_administrators_open_every_dashboard()
    {
        foreach (var role in new[] { StaffRole.President, StaffRole.Administrator })
        {
            using var session = await _app.SignInAsync(role);
            foreach (var url in new[] { "/Dashboard/Company", $"/Dashboard/Team/{_kit.South.Id}", $"/Dashboard/Client/{_kit.Contoso.Id}", $"/Dashboard/ServiceLine/{_kit.Billing.Id}" })
            {
                Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync(url)).StatusCode);
            }
        }
    }

    [Fact]
    public async Task Unknown_scopes_and_exports_are_not_found_and_signed_out_visitors_are_sent_to_sign_in()
    {
        using var president = await _app.SignInAsync(StaffRole.President);
        Assert.Equal(HttpStatusCode.NotFound, (await president.Client.GetAsync($"/Dashboard/Planet/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await president.Client.GetAsync("/Dashboard/Team")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await president.Client.GetAsync("/Dashboard/Company?handler=Export&what=passwords")).StatusCode);

        using var anonymous = _app.NewSession();
        var response = await anonymous.Client.GetAsync("/Dashboard/Company");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exports_are_utf8_csv_with_a_header_row_and_fields_quoted_where_needed()
    {
        var tricky = "Late, again. He said \"tomorrow\"\r\nand then: nothing — señor Müller";
        await _kit.RateAsync(InsightKit.Monday.AddDays(7).AddHours(10), _data.Northwind, _data.Anna, _data.Repair, 3, null, null, null, null, null, null);
        await _app.ExecuteAsync(async db =>
        {
            var rating = db.Ratings.OrderByDescending(r => r.SubmittedAt).First();
            rating.Answer(new Domain.Ratings.RatingAnswer(3, null, null, null, null, null, null, [], tricky, "es"));
            await Task.CompletedTask;
        });
        await _kit.RateAsync(InsightKit.Monday.AddDays(7).AddHours(11), _data.Northwind, _data.Anna, _data.Repair, 4, null, null, null, null, null, null);
        await _app.ExecuteAsync(async db =>
        {
            var rating = db.Ratings.OrderByDescending(r => r.SubmittedAt).First();
            rating.Answer(new Domain.Ratings.RatingAnswer(4, null, null, null, null, null, null, [], "=HYPERLINK(\"http://evil.example\")", "en"));
            await Task.CompletedTask;
        });
        using var president = await _app.SignInAsync(StaffRole.President);

        var response = await president.Client.GetAsync("/Dashboard/Company?handler=Export&what=ratings&from=2026-06-22&to=2026-06-22");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("ratings-the-whole-company-2026-06-22-to-2026-06-22.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        var records = ParseCsv(text);
        Assert.Equal("Submitted (UTC)", records[0][0]);
        Assert.Equal(15, records[0].Count);
        Assert.Equal(3, records.Count);
        Assert.All(records, r => Assert.Equal(15, r.Count));
        Assert.Equal(["2026-06-22T10:00:00Z", "Northwind Traders", "Field repair", "Field Service", "3"], records[1].Take(5));
        Assert.Equal(tricky, records[1][12]);
        Assert.Contains("\"Late, again. He said \"\"tomorrow\"\"\r\nand then: nothing — señor Müller\"", text, StringComparison.Ordinal);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\")", records[2][12]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alert_and_guarantee_exports_list_the_periods_records_in_scope()
    {
        using var president = await _app.SignInAsync(StaffRole.President);

        var alerts = ParseCsv(await president.Client.GetStringAsync("/Dashboard/Company?handler=Export&what=alerts&from=2026-06-15&to=2026-06-21"));
        var northAlerts = ParseCsv(await president.Client.GetStringAsync($"/Dashboard/Team/{_data.ClientTeam.Id}?handler=Export&what=alerts&from=2026-06-15&to=2026-06-21"));
        var guarantees = ParseCsv(await president.Client.GetStringAsync("/Dashboard/Company?handler=Export&what=guarantees&from=2026-06-15&to=2026-06-21"));
        var none = ParseCsv(await president.Client.GetStringAsync($"/Dashboard/Client/{_kit.Contoso.Id}?handler=Export&what=guarantees&from=2026-06-15&to=2026-06-21"));

        Assert.Equal(3, alerts.Count);
        Assert.Equal("Raised (UTC)", alerts[0][0].TrimStart('\uFEFF'));
        Assert.Equal(["2026-06-16T14:30:00Z", "2026-06-17T14:10:00Z"], alerts.Skip(1).Select(r => r[0]));
        Assert.Equal("750000", alerts[1][6]);
        Assert.Equal(2, northAlerts.Count);
        Assert.Equal(2, guarantees.Count);
        Assert.Equal(["Northwind Traders", "PhoneCall", "Settled", "480", "200", "200", "280", "EUR"], guarantees[1].Skip(1).Take(8));
        Assert.Single(none);
    }

    /// <summary>A strict RFC 4180 reader, to check the files as a spreadsheet would read them.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(ch);
            }
        }

        Assert.False(quoted, "an unterminated quoted field");
        Assert.True(field.Length == 0 && record.Count == 0, "the last record must end with CRLF");
        return records;
    }
}
