using CsCheck;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.Tests.Fuzz;

namespace ServiceExcellence.IntegrationTests.Fuzz;

/// <summary>
/// The dashboard's range and export links take dates from the query string, which anyone can edit: any value —
/// dates at the ends of the calendar, garbage, hostile text — gives the dashboard with a message beside the date
/// or the CSV, never a server error.
/// </summary>
public sealed class DashboardRangeFuzzTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private StaffSession _president = default!;

    public async ValueTask InitializeAsync()
    {
        await TestData.SeedAsync(_app);
        _president = await _app.SignInAsync(StaffRole.President);
    }

    public async ValueTask DisposeAsync()
    {
        _president.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/Dashboard/Company?to=0001-01-01")]
    [InlineData("/Dashboard/Company?handler=Export&what=ratings&to=0001-01-02")]
    public async Task An_end_date_in_the_first_days_of_year_one_is_refused_beside_the_date(string url)
    {
        var response = await _president.Client.GetAsync(url);

        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}");
        Assert.Contains("Choose an end date from 2000 to 2100.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Any_range_in_the_address_gives_the_dashboard_or_the_export_never_a_server_error()
    {
        var date = Gen.Frequency(
            (2, Gen.Const(string.Empty)),
            (3, Gen.OneOf("0001-01-01", "0001-01-02", "0001-03-30", "9999-12-31", "1999-12-31", "2000-01-01", "2026-06-15", "2100-12-31", "2101-01-01", "2026-02-30", "2026-13-01", "15/06/2026", "0")),
            (2, Gen.DateOnly.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            (1, Hostile.ShortText));
        var what = Gen.OneOf(string.Empty, "&handler=Export&what=ratings", "&handler=Export&what=alerts", "&handler=Export&what=guarantees", "&handler=Export&what=nothing");

        await Check.SampleAsync(Gen.Select(date, date, what, (from, to, export) => (From: from, To: to, Export: export)), async range =>
        {
            var url = $"/Dashboard/Company?from={Uri.EscapeDataString(Hostile.Encodable(range.From))}&to={Uri.EscapeDataString(Hostile.Encodable(range.To))}{range.Export}";

            var response = await _president.Client.GetAsync(url);

            Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode} for {url}");
        }, iter: Hostile.Iterations(150), threads: 1, print: r => $"from={r.From} to={r.To}{r.Export}");
    }
}
