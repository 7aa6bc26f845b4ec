namespace ServiceExcellence.Domain.Insight;

/// <summary>
/// One UTC day's counts and sums of ratings and invitations for one client, service line and performing team: a
/// pre-aggregated row the dashboards add up instead of reading every rating. Kept up to date in the same
/// database transaction as the ratings and invitations it summarises; rebuilt from them when empty.
/// Not an entity: it has no identity beyond its key and no behaviour beyond adding. Each day also has one company
/// row, with client, service line and team <see cref="Guid.Empty"/>, holding the day's totals, so that the company
/// dashboard reads one row per day however many clients there are.
/// </summary>
public sealed class InsightDay : IInsightRow
{
    /// <summary>The UTC day as <see cref="DateOnly.DayNumber"/> (days since 0001-01-01).</summary>
    public int Day { get; set; }

    public Guid ClientId { get; set; }
    public Guid ServiceLineId { get; set; }

    /// <summary>The team that performed the transaction; <see cref="Guid.Empty"/> when none was recorded.</summary>
    public Guid TeamId { get; set; }

    /// <summary>Transactions that occurred on this day.</summary>
    public long Transactions { get; set; }

    /// <summary>Invitations sent (not suppressed) created on this day.</summary>
    public long Invited { get; set; }

    /// <summary>Of the invitations created on this day, those answered (so far).</summary>
    public long Responded { get; set; }

    /// <summary>Ratings submitted on this day (the day of the first submission; an edit stays on it).</summary>
    public long Ratings { get; set; }

    public long OverallSum { get; set; }

    /// <summary>Overall 4 or 5: the numerator of CSAT.</summary>
    public long Satisfied { get; set; }

    /// <summary>Overall 1 or 2.</summary>
    public long Poor { get; set; }

    /// <summary>Ratings that answered likelihood to recommend; promoters 9–10, detractors 0–6.</summary>
    public long Recommend { get; set; }

    public long Promoters { get; set; }
    public long Detractors { get; set; }

    // Per dimension: the count of ratings that scored it, its sum and sum of squares, and the sums with the
    // overall score of those same ratings, so that averages and the correlation with the overall score can
    // be computed over any range by adding rows.
    public long ReliabilityN { get; set; }
    public long ReliabilitySum { get; set; }
    public long ReliabilitySumSq { get; set; }
    public long ReliabilityOverallSum { get; set; }
    public long ReliabilityOverallSumSq { get; set; }
    public long ReliabilityCrossSum { get; set; }

    public long ResponsivenessN { get; set; }
    public long ResponsivenessSum { get; set; }
    public long ResponsivenessSumSq { get; set; }
    public long ResponsivenessOverallSum { get; set; }
    public long ResponsivenessOverallSumSq { get; set; }
    public long ResponsivenessCrossSum { get; set; }

    public long FeelingValuedN { get; set; }
    public long FeelingValuedSum { get; set; }
    public long FeelingValuedSumSq { get; set; }
    public long FeelingValuedOverallSum { get; set; }
    public long FeelingValuedOverallSumSq { get; set; }
    public long FeelingValuedCrossSum { get; set; }

    public long EmpathyN { get; set; }
    public long EmpathySum { get; set; }
    public long EmpathySumSq { get; set; }
    public long EmpathyOverallSum { get; set; }
    public long EmpathyOverallSumSq { get; set; }
    public long EmpathyCrossSum { get; set; }

    public long CompetencyN { get; set; }
    public long CompetencySum { get; set; }
    public long CompetencySumSq { get; set; }
    public long CompetencyOverallSum { get; set; }
    public long CompetencyOverallSumSq { get; set; }
    public long CompetencyCrossSum { get; set; }
}

/// <summary>Poor ratings (overall 1–2) by UTC day and hour of submission: the weekday × hour heat map.</summary>
public sealed class InsightPoorHour : IInsightRow
{
    public int Day { get; set; }
    public int Hour { get; set; }
    public Guid ClientId { get; set; }
    public Guid ServiceLineId { get; set; }
    public Guid TeamId { get; set; }
    public long Ratings { get; set; }
}

/// <summary>Ratings that named a failure category, by UTC day of submission.</summary>
public sealed class InsightFailure : IInsightRow
{
    public int Day { get; set; }
    public Guid ClientId { get; set; }
    public Guid ServiceLineId { get; set; }
    public Guid TeamId { get; set; }
    public Guid FailureCategoryId { get; set; }
    public long Ratings { get; set; }
}

/// <summary>The key every rollup shares, so one scope filter serves them all.</summary>
public interface IInsightRow
{
    int Day { get; }
    Guid ClientId { get; }
    Guid ServiceLineId { get; }
    Guid TeamId { get; }
}
