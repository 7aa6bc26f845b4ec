using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Insight;

namespace ServiceExcellence.Application.Insight;

/// <summary>
/// A dashboard's figures for a scope and date range, each against the previous period of the same length: response
/// rate, CSAT, the average overall score and per dimension, NPS, alerts, time to acknowledge and to recover, SLA
/// compliance, guarantee invocations and credits; the trend over the range; and the key drivers. Ratings figures are
/// added up from the daily rollups (<see cref="InsightDay"/>), never from the ratings themselves.
/// </summary>
public static class GetDashboard
{
    public const string Definitions =
        "Response rate: of the survey invitations sent in the period, the share answered so far. CSAT: the share of ratings with an overall score of 4 or 5. " +
        "NPS: % promoters (9–10) − % detractors (0–6) among ratings that answered the recommend question. Alerts: raised in the period; times from raising " +
        "to acknowledging and to resolving (the client recovered); SLA: done within the alert's due time, among alerts done or past due. " +
        "Guarantees: invocations made in the period per 1,000 transactions that occurred in it; credits: invoiced − agreed of invocations settled in it. Days are UTC.";

    public sealed record Query(ScopeKind Scope, Guid? Id = null, DateOnly? From = null, DateOnly? To = null) : IQuery<Model>;

    public sealed record Model(ResolvedScope Scope, InsightRange Range, InsightRange PreviousRange, Figures Current, Figures Previous,
        string Bucket, IReadOnlyList<TrendPoint> Trend, IReadOnlyList<KeyDriver> KeyDrivers, int KeyDriverSample);

    public sealed record Figures(
        long Transactions, long Invited, long Responded, double? ResponseRatePercent,
        long Ratings, double? CsatPercent, double? AverageOverall, IReadOnlyList<DimensionAverage> Dimensions,
        long RecommendAnswers, double? Nps, long PoorRatings,
        AlertFigures.Totals Alerts, long GuaranteeInvocations, double? GuaranteesPerThousand, IReadOnlyList<Money> Credited);

    public sealed record DimensionAverage(string Name, long Answers, double? Average);

    /// <summary>An amount in one currency: totals are kept per currency, never converted.</summary>
    public sealed record Money(decimal Amount, string Currency);

    public sealed record TrendPoint(DateOnly From, string Label, long Ratings, double? CsatPercent, double? AverageOverall, double? ResponseRatePercent, long Alerts);

    /// <summary>
    /// The Pearson correlation of a dimension's score with the overall score over the ratings that scored both;
    /// <c>Trustworthy</c> when at least <see cref="MinimumSample"/> ratings did.
    /// </summary>
    public sealed record KeyDriver(string Name, long Sample, double? Correlation, double? Average)
    {
        public const int MinimumSample = 30;

        public bool Trustworthy => Sample >= MinimumSample && Correlation is not null;
    }

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => InsightRange.Validate(this, q => q.From, q => q.To, clock);
    }

    public sealed class Handler(IAppDbContext db, InsightAccess access, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await access.ResolveAsync(query.Scope, query.Id, cancellationToken);
            var range = InsightRange.Of(query.From, query.To, clock);
            var previous = range.Previous;
            var now = clock.GetUtcNow();

            // One grouped read of the rollups covers both periods: at most two rows per day.
            var days = await db.InsightDays.AsNoTracking().InScope(scope)
                .Between(previous.From.DayNumber, range.To.DayNumber)
                .GroupBy(d => d.Day)
                .Select(SumByDay)
                .ToListAsync(cancellationToken);
            var currentDays = days.Where(d => d.Day >= range.From.DayNumber).ToList();
            var previousDays = days.Where(d => d.Day < range.From.DayNumber).ToList();

            var guarantees = await db.GuaranteeInvocations.AsNoTracking().InScope(db, scope)
                .Where(g => (g.CreatedAt >= previous.Start && g.CreatedAt < range.End) || (g.SettledAt >= previous.Start && g.SettledAt < range.End))
                .Select(g => new Invocation(g.CreatedAt, g.SettledAt, g.Status, g.InvoicedAmount, g.AgreedAmount, g.Currency))
                .ToListAsync(cancellationToken);

            var alertDays = await AlertFigures.PerDayAsync(db, scope, new InsightRange(previous.From, range.To), now, cancellationToken);
            var current = Summarise(currentDays, AlertFigures.Totals.Of(alertDays.Where(a => a.Day >= range.From.DayNumber)), guarantees, range);
            var before = Summarise(previousDays, AlertFigures.Totals.Of(alertDays.Where(a => a.Day < range.From.DayNumber)), guarantees, previous);
            var alertsPerDay = alertDays.ToDictionary(a => a.Day, a => a.Raised);
            var (bucket, trend) = Trend(range, currentDays, alertsPerDay);
            var total = Total(currentDays);
            var drivers = InsightMeasures.Dimensions.Select(name => Driver(name, total)).ToList();
            return new Model(scope, range, previous, current, before, bucket, trend, drivers, drivers.Count == 0 ? 0 : (int)drivers.Max(d => d.Sample));
        }
    }

    /// <summary>Sum of every measure per day, built once from the measure list so a new measure cannot be forgotten here.</summary>
    private static readonly Expression<Func<IGrouping<int, InsightDay>, InsightDay>> SumByDay = BuildSumByDay();

    private static Expression<Func<IGrouping<int, InsightDay>, InsightDay>> BuildSumByDay()
    {
        var group = Expression.Parameter(typeof(IGrouping<int, InsightDay>), "g");
        var sum = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == nameof(Enumerable.Sum) && m.IsGenericMethodDefinition && m.GetParameters().Length == 2
                && m.GetParameters()[1].ParameterType.GetGenericArguments()[1] == typeof(long))
            .MakeGenericMethod(typeof(InsightDay));
        var bindings = new List<MemberBinding> { Expression.Bind(typeof(InsightDay).GetProperty(nameof(InsightDay.Day))!, Expression.Property(group, "Key")) };
        foreach (var measure in InsightMeasures.All)
        {
            var row = Expression.Parameter(typeof(InsightDay), "d");
            var property = typeof(InsightDay).GetProperty(measure.Name, BindingFlags.Public | BindingFlags.Instance)!;
            var selector = Expression.Lambda<Func<InsightDay, long>>(Expression.Property(row, property), row);
            bindings.Add(Expression.Bind(property, Expression.Call(sum, group, selector)));
        }

        return Expression.Lambda<Func<IGrouping<int, InsightDay>, InsightDay>>(Expression.MemberInit(Expression.New(typeof(InsightDay)), bindings), group);
    }

    private static InsightDay Total(IEnumerable<InsightDay> days)
    {
        var total = new InsightDay();
        foreach (var day in days)
        {
            InsightMeasures.Add(total, day);
        }

        return total;
    }

    private static Figures Summarise(IReadOnlyList<InsightDay> days, AlertFigures.Totals alerts, IReadOnlyList<Invocation> guarantees, InsightRange range)
    {
        var t = Total(days);
        var made = guarantees.Count(g => g.CreatedAt >= range.Start && g.CreatedAt < range.End);
        var credited = guarantees
            .Where(g => g.Status == GuaranteeStatus.Settled && g.AgreedAmount is not null && g.SettledAt >= range.Start && g.SettledAt < range.End)
            .GroupBy(g => g.Currency)
            .Select(c => new Money(c.Sum(g => g.InvoicedAmount - g.AgreedAmount!.Value), c.Key))
            .OrderBy(m => m.Currency, StringComparer.Ordinal)
            .ToList();
        var dimensions = InsightMeasures.Dimensions
            .Select(name => new DimensionAverage(name, Get(t, name + "N"), Average(Get(t, name + "Sum"), Get(t, name + "N"))))
            .ToList();
        return new Figures(
            t.Transactions, t.Invited, t.Responded, Percent(t.Responded, t.Invited),
            t.Ratings, Percent(t.Satisfied, t.Ratings), Average(t.OverallSum, t.Ratings), dimensions,
            t.Recommend, t.Recommend == 0 ? null : Math.Round((t.Promoters - t.Detractors) * 100.0 / t.Recommend, 1), t.Poor,
            alerts, made, t.Transactions == 0 ? null : Math.Round(made * 1000.0 / t.Transactions, 1), credited);
    }

    private static (string Bucket, List<TrendPoint> Points) Trend(InsightRange range, IReadOnlyList<InsightDay> days, Dictionary<int, long> alertsPerDay)
    {
        // Days for up to a month, weeks (from Monday) up to half a year, months beyond: a readable number of points.
        var (bucket, start) = range.Days switch
        {
            <= 31 => ("day", (Func<DateOnly, DateOnly>)(d => d)),
            <= 183 => ("week", d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7))),
            _ => ("month", d => new DateOnly(d.Year, d.Month, 1)),
        };
        var byDay = days.ToDictionary(d => d.Day);
        var points = new List<TrendPoint>();
        foreach (var group in Enumerable.Range(range.From.DayNumber, range.Days).GroupBy(n => start(DateOnly.FromDayNumber(n))))
        {
            var t = Total(group.Where(byDay.ContainsKey).Select(n => byDay[n]));
            var label = bucket switch
            {
                "day" => group.Key.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture),
                "week" => "w/c " + group.Key.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture),
                _ => group.Key.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
            };
            points.Add(new TrendPoint(group.Key, label, t.Ratings, Percent(t.Satisfied, t.Ratings), Average(t.OverallSum, t.Ratings),
                Percent(t.Responded, t.Invited), group.Sum(n => alertsPerDay.GetValueOrDefault(n))));
        }

        return (bucket, points);
    }

    private static KeyDriver Driver(string name, InsightDay t)
    {
        double n = Get(t, name + "N"), sx = Get(t, name + "Sum"), sxx = Get(t, name + "SumSq");
        double sy = Get(t, name + "OverallSum"), syy = Get(t, name + "OverallSumSq"), sxy = Get(t, name + "CrossSum");
        var spread = ((n * sxx) - (sx * sx)) * ((n * syy) - (sy * sy));
        double? r = n >= 3 && spread > 0 ? Math.Round(((n * sxy) - (sx * sy)) / Math.Sqrt(spread), 2) : null;
        return new KeyDriver(name, (long)n, r, Average((long)sx, (long)n));
    }

    private static long Get(InsightDay day, string measure) => InsightMeasures.All.First(m => m.Name == measure).Get(day);

    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(part * 100.0 / whole, 1);

    private static double? Average(long sum, long count) => count == 0 ? null : Math.Round((double)sum / count, 2);

    private sealed record Invocation(DateTimeOffset CreatedAt, DateTimeOffset? SettledAt, GuaranteeStatus Status, decimal InvoicedAmount, decimal? AgreedAmount, string Currency);
}
