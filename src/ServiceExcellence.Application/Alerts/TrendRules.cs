using System.Globalization;

namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// What the trend rules measure and when they fire. Pure: the figures are aggregated in the database by
/// <see cref="EvaluateTrendRules"/>; here they are compared with exact decimals, so a drop of exactly the
/// threshold fires (with doubles, 4.5 − 3.7 is 0.7999…).
/// </summary>
public static class TrendRules
{
    // Sample-size guards, not business rules: below these a change is noise, not a trend.
    public const int MinRatingsPerPeriod = 3;
    public const int MinTeamRatings = 10;
    public const int MinInvitationsPerPeriod = 5;

    /// <summary>The length of an alert's title (its column).</summary>
    public const int MaxTitleLength = 200;

    /// <summary>A client's ratings in the baseline and in the recent window: counts and sums of the overall score.</summary>
    public sealed record ClientAverages
    {
        public Guid ClientId { get; init; }
        public int BaselineRatings { get; init; }
        public int BaselineTotal { get; init; }
        public int WindowRatings { get; init; }
        public int WindowTotal { get; init; }

        public decimal BaselineAverage => Average(BaselineTotal, BaselineRatings);
        public decimal WindowAverage => Average(WindowTotal, WindowRatings);

        public bool HasEnoughRatings => BaselineRatings >= MinRatingsPerPeriod && WindowRatings >= MinRatingsPerPeriod;
        public bool Fires(decimal threshold) => HasEnoughRatings && BaselineAverage - WindowAverage >= threshold;

        /// <summary>The recent average rounded half up (2.5 → 3), the score whose churn weight prices the risk.</summary>
        public int RoundedWindowAverage => (int)Math.Round(WindowAverage, MidpointRounding.AwayFromZero);

        public string Title(string clientName, int windowDays) =>
            Titled(clientName, $": average fell from {BaselineAverage:0.0} to {WindowAverage:0.0} over {windowDays} days");

        public string Detail(int windowDays, int baselineDays, decimal threshold) =>
            Invariant($"average {WindowAverage:0.0#} over the last {windowDays} days ({WindowRatings} ratings) against {BaselineAverage:0.0#} over the {baselineDays} days before ({BaselineRatings} ratings): fell {BaselineAverage - WindowAverage:0.0#} ≥ {threshold:0.0#}");
    }

    /// <summary>A team's ratings in the recent window and how many of them were 4 or 5.</summary>
    public sealed record TeamCsat
    {
        public Guid TeamId { get; init; }
        public int Ratings { get; init; }
        public int Satisfied { get; init; }

        /// <summary>CSAT: the share of ratings with overall 4 or 5, in percent.</summary>
        public decimal Percent => Ratings == 0 ? 0m : 100m * Satisfied / Ratings;

        public bool Fires(decimal threshold) => Ratings >= MinTeamRatings && Percent < threshold;

        public string Title(string teamName, int windowDays, decimal threshold) =>
            Titled(teamName, $": CSAT {Shown(Percent):0.#}% over {windowDays} days (target {threshold:0.#}%)");

        public string Detail(int windowDays, decimal threshold) =>
            Invariant($"CSAT {Shown(Percent):0.#}% ({Satisfied} of {Ratings} ratings 4 or 5) over the last {windowDays} days < target {threshold:0.#}%");
    }

    /// <summary>A client's sent (not suppressed) invitations in each period and how many of them were answered.</summary>
    public sealed record ClientResponseRates
    {
        public Guid ClientId { get; init; }
        public int BaselineSent { get; init; }
        public int BaselineAnswered { get; init; }
        public int WindowSent { get; init; }
        public int WindowAnswered { get; init; }

        public decimal BaselineRate => BaselineSent == 0 ? 0m : 100m * BaselineAnswered / BaselineSent;
        public decimal WindowRate => WindowSent == 0 ? 0m : 100m * WindowAnswered / WindowSent;

        public bool HasEnoughInvitations => BaselineSent >= MinInvitationsPerPeriod && WindowSent >= MinInvitationsPerPeriod;
        public bool Fires(decimal thresholdPoints) => HasEnoughInvitations && BaselineRate - WindowRate >= thresholdPoints;

        public string Title(string clientName, int windowDays) =>
            Titled(clientName, $": response rate fell from {Shown(BaselineRate):0.#}% to {Shown(WindowRate):0.#}% over {windowDays} days");

        public string Detail(int windowDays, int baselineDays, decimal thresholdPoints) =>
            Invariant($"response rate {Shown(WindowRate):0.#}% over the last {windowDays} days ({WindowAnswered} of {WindowSent} surveys answered) against {Shown(BaselineRate):0.#}% over the {baselineDays} days before ({BaselineAnswered} of {BaselineSent}): fell {Shown(BaselineRate - WindowRate):0.#} points ≥ {thresholdPoints:0.#}");
    }

    private static decimal Average(int total, int count) => count == 0 ? 0m : (decimal)total / count;

    // Percentages are cut, not rounded, to one decimal: 79.96% below an 80% target must not read "80%".
    private static decimal Shown(decimal percent) => Math.Round(percent, 1, MidpointRounding.ToZero);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>"{name}{what}", the name shortened when the whole would not fit an alert's 200-character title.</summary>
    private static string Titled(string name, FormattableString what)
    {
        var tail = Invariant(what);
        var room = MaxTitleLength - tail.Length;
        return (name.Length <= room ? name : string.Concat(name.AsSpan(0, room - 1), "…")) + tail;
    }
}
