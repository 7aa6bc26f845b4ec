using System.Globalization;
using ServiceExcellence.Application.Insight;

namespace ServiceExcellence.Web.Pages.Dashboard;

/// <summary>How the dashboards write their figures: a dash for "no data", changes against the previous period with a sign.</summary>
public static class DashboardText
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", Culture) + " %" : "—";

    public static string Number(double? value, string format = "0.00") => value is { } v ? v.ToString(format, Culture) : "—";

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Hours(double? value) => value is { } v ? v.ToString("0.0", Culture) + " h" : "—";

    public static string Money(IReadOnlyList<GetDashboard.Money> amounts) =>
        amounts.Count == 0 ? "none" : string.Join(" + ", amounts.Select(m => m.Amount.ToString("N2", Culture) + " " + m.Currency));

    /// <summary>The change from the previous period, e.g. "+2.5 points"; empty when either side has no data.</summary>
    public static string Change(double? current, double? previous, string unit = "", string format = "0.0")
    {
        if (current is not { } c || previous is not { } p)
        {
            return string.Empty;
        }

        var d = Math.Round(c - p, 2);
        return (d > 0 ? "+" : d < 0 ? "−" : "±") + Math.Abs(d).ToString(format, Culture) + unit;
    }

    /// <summary>Green when the change is good news, red when bad, grey when none.</summary>
    public static string ChangeClass(double? current, double? previous, bool higherIsBetter = true)
    {
        if (current is not { } c || previous is not { } p || Math.Abs(c - p) < 0.005)
        {
            return "text-body-secondary";
        }

        return (c > p) == higherIsBetter ? "text-success" : "text-danger";
    }

    public static string Dimension(string name) => name switch
    {
        "FeelingValued" => "Feeling valued",
        _ => name,
    };

    public static string ScopeKindName(ScopeKind kind) => kind switch
    {
        ScopeKind.Company => "Company",
        ScopeKind.Team => "Team",
        ScopeKind.Client => "Client",
        _ => "Service line",
    };

    /// <summary>Heat-map shade 0–5 for a count, relative to the busiest cell.</summary>
    public static int Shade(long count, long max) => count == 0 || max == 0 ? 0 : (int)Math.Ceiling(count * 5.0 / max);
}
