using ServiceExcellence.Domain.Ratings;

namespace ServiceExcellence.Domain.Insight;

/// <summary>
/// The additive measures of an <see cref="InsightDay"/> and what one rating contributes to them. Rollups are
/// maintained by adding contributions (an edit adds the new answer's and subtracts the old one's), so every
/// measure is a count or a sum.
/// </summary>
public static class InsightMeasures
{
    public sealed record Measure(string Name, Func<InsightDay, long> Get, Action<InsightDay, long> Set);

    public static readonly IReadOnlyList<Measure> All =
    [
        new(nameof(InsightDay.Transactions), d => d.Transactions, (d, v) => d.Transactions = v),
        new(nameof(InsightDay.Invited), d => d.Invited, (d, v) => d.Invited = v),
        new(nameof(InsightDay.Responded), d => d.Responded, (d, v) => d.Responded = v),
        new(nameof(InsightDay.Ratings), d => d.Ratings, (d, v) => d.Ratings = v),
        new(nameof(InsightDay.OverallSum), d => d.OverallSum, (d, v) => d.OverallSum = v),
        new(nameof(InsightDay.Satisfied), d => d.Satisfied, (d, v) => d.Satisfied = v),
        new(nameof(InsightDay.Poor), d => d.Poor, (d, v) => d.Poor = v),
        new(nameof(InsightDay.Recommend), d => d.Recommend, (d, v) => d.Recommend = v),
        new(nameof(InsightDay.Promoters), d => d.Promoters, (d, v) => d.Promoters = v),
        new(nameof(InsightDay.Detractors), d => d.Detractors, (d, v) => d.Detractors = v),
        new(nameof(InsightDay.ReliabilityN), d => d.ReliabilityN, (d, v) => d.ReliabilityN = v),
        new(nameof(InsightDay.ReliabilitySum), d => d.ReliabilitySum, (d, v) => d.ReliabilitySum = v),
        new(nameof(InsightDay.ReliabilitySumSq), d => d.ReliabilitySumSq, (d, v) => d.ReliabilitySumSq = v),
        new(nameof(InsightDay.ReliabilityOverallSum), d => d.ReliabilityOverallSum, (d, v) => d.ReliabilityOverallSum = v),
        new(nameof(InsightDay.ReliabilityOverallSumSq), d => d.ReliabilityOverallSumSq, (d, v) => d.ReliabilityOverallSumSq = v),
        new(nameof(InsightDay.ReliabilityCrossSum), d => d.ReliabilityCrossSum, (d, v) => d.ReliabilityCrossSum = v),
        new(nameof(InsightDay.ResponsivenessN), d => d.ResponsivenessN, (d, v) => d.ResponsivenessN = v),
        new(nameof(InsightDay.ResponsivenessSum), d => d.ResponsivenessSum, (d, v) => d.ResponsivenessSum = v),
        new(nameof(InsightDay.ResponsivenessSumSq), d => d.ResponsivenessSumSq, (d, v) => d.ResponsivenessSumSq = v),
        new(nameof(InsightDay.ResponsivenessOverallSum), d => d.ResponsivenessOverallSum, (d, v) => d.ResponsivenessOverallSum = v),
        new(nameof(InsightDay.ResponsivenessOverallSumSq), d => d.ResponsivenessOverallSumSq, (d, v) => d.ResponsivenessOverallSumSq = v),
        new(nameof(InsightDay.ResponsivenessCrossSum), d => d.ResponsivenessCrossSum, (d, v) => d.ResponsivenessCrossSum = v),
        new(nameof(InsightDay.FeelingValuedN), d => d.FeelingValuedN, (d, v) => d.FeelingValuedN = v),
        new(nameof(InsightDay.FeelingValuedSum), d => d.FeelingValuedSum, (d, v) => d.FeelingValuedSum = v),
        new(nameof(InsightDay.FeelingValuedSumSq), d => d.FeelingValuedSumSq, (d, v) => d.FeelingValuedSumSq = v),
        new(nameof(InsightDay.FeelingValuedOverallSum), d => d.FeelingValuedOverallSum, (d, v) => d.FeelingValuedOverallSum = v),
        new(nameof(InsightDay.FeelingValuedOverallSumSq), d => d.FeelingValuedOverallSumSq, (d, v) => d.FeelingValuedOverallSumSq = v),
        new(nameof(InsightDay.FeelingValuedCrossSum), d => d.FeelingValuedCrossSum, (d, v) => d.FeelingValuedCrossSum = v),
        new(nameof(InsightDay.EmpathyN), d => d.EmpathyN, (d, v) => d.EmpathyN = v),
        new(nameof(InsightDay.EmpathySum), d => d.EmpathySum, (d, v) => d.EmpathySum = v),
        new(nameof(InsightDay.EmpathySumSq), d => d.EmpathySumSq, (d, v) => d.EmpathySumSq = v),
        new(nameof(InsightDay.EmpathyOverallSum), d => d.EmpathyOverallSum, (d, v) => d.EmpathyOverallSum = v),
        new(nameof(InsightDay.EmpathyOverallSumSq), d => d.EmpathyOverallSumSq, (d, v) => d.EmpathyOverallSumSq = v),
        new(nameof(InsightDay.EmpathyCrossSum), d => d.EmpathyCrossSum, (d, v) => d.EmpathyCrossSum = v),
        new(nameof(InsightDay.CompetencyN), d => d.CompetencyN, (d, v) => d.CompetencyN = v),
        new(nameof(InsightDay.CompetencySum), d => d.CompetencySum, (d, v) => d.CompetencySum = v),
        new(nameof(InsightDay.CompetencySumSq), d => d.CompetencySumSq, (d, v) => d.CompetencySumSq = v),
        new(nameof(InsightDay.CompetencyOverallSum), d => d.CompetencyOverallSum, (d, v) => d.CompetencyOverallSum = v),
        new(nameof(InsightDay.CompetencyOverallSumSq), d => d.CompetencyOverallSumSq, (d, v) => d.CompetencyOverallSumSq = v),
        new(nameof(InsightDay.CompetencyCrossSum), d => d.CompetencyCrossSum, (d, v) => d.CompetencyCrossSum = v),
    ];

    /// <summary>The five dimensions of quality care, in the order the pages show them.</summary>
    public static readonly IReadOnlyList<string> Dimensions = ["Reliability", "Responsiveness", "FeelingValued", "Empathy", "Competency"];

    public static int DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime).DayNumber;

    /// <summary>Adds <paramref name="sign"/> × the measures of <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static void Add(InsightDay target, InsightDay source, int sign = 1)
    {
        foreach (var m in All)
        {
            m.Set(target, m.Get(target) + (sign * m.Get(source)));
        }
    }

    public static bool IsZero(InsightDay day) => All.All(m => m.Get(day) == 0);

    /// <summary>What one answer contributes: counts of one, and its scores as sums.</summary>
    public static InsightDay Of(RatingScores s)
    {
        var d = new InsightDay
        {
            Ratings = 1,
            OverallSum = s.Overall,
            Satisfied = s.Overall >= 4 ? 1 : 0,
            Poor = IsPoor(s.Overall) ? 1 : 0,
            Recommend = s.LikelihoodToRecommend is null ? 0 : 1,
            Promoters = s.LikelihoodToRecommend >= 9 ? 1 : 0,
            Detractors = s.LikelihoodToRecommend <= 6 ? 1 : 0,
        };
        Dimension(d, "Reliability", s.Reliability, s.Overall);
        Dimension(d, "Responsiveness", s.Responsiveness, s.Overall);
        Dimension(d, "FeelingValued", s.FeelingValued, s.Overall);
        Dimension(d, "Empathy", s.Empathy, s.Overall);
        Dimension(d, "Competency", s.Competency, s.Overall);
        return d;
    }

    /// <summary>A poor rating is overall 1 or 2 (the default alert threshold); the heat map counts these.</summary>
    public static bool IsPoor(int overall) => overall <= 2;

    private static readonly Dictionary<string, Measure> ByName = All.ToDictionary(m => m.Name);

    private static void Dimension(InsightDay d, string name, int? score, int overall)
    {
        if (score is not { } x)
        {
            return;
        }

        ByName[name + "N"].Set(d, 1);
        ByName[name + "Sum"].Set(d, x);
        ByName[name + "SumSq"].Set(d, x * x);
        ByName[name + "OverallSum"].Set(d, overall);
        ByName[name + "OverallSumSq"].Set(d, overall * overall);
        ByName[name + "CrossSum"].Set(d, x * overall);
    }
}

/// <summary>The scores of one answer, as far as the figures are concerned.</summary>
public sealed record RatingScores(int Overall, int? Reliability, int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency, int? LikelihoodToRecommend)
{
    public static RatingScores Of(Rating r) =>
        new(r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend);
}
