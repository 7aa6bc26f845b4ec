using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Guarantees;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// The desk's figures, this calendar month (UTC) against the last: invocations per 1,000 transactions (invocations
/// made in the month ÷ transactions that occurred in it × 1,000), the credit issued in the month (invoiced − agreed of
/// the invocations settled in it), and both by service line and by channel.
/// </summary>
public static class GuaranteeFigures
{
    /// <summary>The row of invocations that name no transaction, in the service-line table.</summary>
    public const string NoTransaction = "No particular transaction";

    public const string NoReason = "No category chosen on a rating";

    public sealed record Query : IQuery<Model>;

    public sealed record Model(Period ThisMonth, Period LastMonth, IReadOnlyList<Breakdown> ByServiceLine, IReadOnlyList<Breakdown> ByChannel, IReadOnlyList<Breakdown> ByReason);

    public sealed record Period(DateTimeOffset From, DateTimeOffset Until, int Invocations, int Transactions, IReadOnlyList<Money> Credited)
    {
        /// <summary>Null when no transaction occurred in the month.</summary>
        public decimal? PerThousand => Transactions == 0 ? null : Math.Round(Invocations * 1_000m / Transactions, 1);
    }

    public sealed record Breakdown(string Name, int ThisMonth, int LastMonth, IReadOnlyList<Money> CreditedThisMonth, IReadOnlyList<Money> CreditedLastMonth);

    /// <summary>An amount in one currency: totals are kept per currency, never converted.</summary>
    public sealed record Money(decimal Amount, string Currency);

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            access.EnsureCanRead();
            var now = clock.GetUtcNow();
            var thisFrom = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
            var (lastFrom, nextFrom) = (thisFrom.AddMonths(-1), thisFrom.AddMonths(1));

            var facts = await (
                from g in db.GuaranteeInvocations.AsNoTracking()
                where (g.CreatedAt >= lastFrom && g.CreatedAt < nextFrom) || (g.SettledAt >= lastFrom && g.SettledAt < nextFrom)
                from t in db.Transactions.Where(t => t.Id == g.TransactionId).DefaultIfEmpty()
                from s in db.ServiceLines.Where(s => s.Id == t.ServiceLineId).DefaultIfEmpty()
                select new Fact(g.CreatedAt, g.SettledAt, g.Status, g.InvoicedAmount, g.AgreedAmount, g.Currency, g.Channel, s.Name, g.TransactionId))
                .ToListAsync(cancellationToken);
            var transactionsThisMonth = await db.Transactions.CountAsync(t => t.OccurredAt >= thisFrom && t.OccurredAt < nextFrom, cancellationToken);
            var transactionsLastMonth = await db.Transactions.CountAsync(t => t.OccurredAt >= lastFrom && t.OccurredAt < thisFrom, cancellationToken);

            bool MadeIn(Fact f, DateTimeOffset from, DateTimeOffset until) => f.CreatedAt >= from && f.CreatedAt < until;
            bool CreditedIn(Fact f, DateTimeOffset from, DateTimeOffset until) =>
                f.Status == GuaranteeStatus.Settled && f.SettledAt >= from && f.SettledAt < until && f.AgreedAmount is not null;
            IReadOnlyList<Money> Credited(IEnumerable<Fact> subset, DateTimeOffset from, DateTimeOffset until) =>
                subset.Where(f => CreditedIn(f, from, until))
                    .GroupBy(f => f.Currency)
                    .Select(c => new Money(c.Sum(f => f.InvoicedAmount - f.AgreedAmount!.Value), c.Key))
                    .OrderBy(m => m.Currency, StringComparer.Ordinal)
                    .ToList();
            Breakdown Break(string name, List<Fact> subset) => new(
                name, subset.Count(f => MadeIn(f, thisFrom, nextFrom)), subset.Count(f => MadeIn(f, lastFrom, thisFrom)),
                Credited(subset, thisFrom, nextFrom), Credited(subset, lastFrom, thisFrom));

            var thisMonth = new Period(thisFrom, nextFrom, facts.Count(f => MadeIn(f, thisFrom, nextFrom)), transactionsThisMonth, Credited(facts, thisFrom, nextFrom));
            var lastMonth = new Period(lastFrom, thisFrom, facts.Count(f => MadeIn(f, lastFrom, thisFrom)), transactionsLastMonth, Credited(facts, lastFrom, thisFrom));
            var byServiceLine = facts.GroupBy(f => f.ServiceLine ?? NoTransaction)
                .OrderBy(g => g.Key == NoTransaction).ThenBy(g => g.Key, StringComparer.CurrentCulture)
                .Select(g => Break(g.Key, g.ToList()))
                .ToList();
            var byChannel = Enum.GetValues<GuaranteeChannel>()
                .Select(channel => Break(channel.Describe(), facts.Where(f => f.Channel == channel).ToList()))
                .ToList();

            // The reasons are free text; what went wrong is read from the failure categories the client chose on the
            // transaction's rating. An invocation counts once under each category it names.
            var transactionIds = facts.Where(f => f.TransactionId is not null).Select(f => f.TransactionId!.Value).Distinct().ToList();
            var categories = (await (
                from r in db.Ratings.AsNoTracking()
                where transactionIds.Contains(r.TransactionId)
                join c in db.RatingFailureCategories on r.Id equals c.RatingId
                join fc in db.FailureCategories on c.FailureCategoryId equals fc.Id
                select new { r.TransactionId, fc.Name })
                .ToListAsync(cancellationToken))
                .ToLookup(c => c.TransactionId, c => c.Name);
            var byReason = facts
                .SelectMany(f => f.TransactionId is { } id && categories[id].Any() ? categories[id].Select(name => (name, f)) : [(NoReason, f)])
                .GroupBy(x => x.Item1)
                .OrderBy(g => g.Key == NoReason).ThenBy(g => g.Key, StringComparer.CurrentCulture)
                .Select(g => Break(g.Key, g.Select(x => x.f).ToList()))
                .ToList();
            return new Model(thisMonth, lastMonth, byServiceLine, byChannel, byReason);
        }
    }

    private sealed record Fact(DateTimeOffset CreatedAt, DateTimeOffset? SettledAt, GuaranteeStatus Status, decimal InvoicedAmount, decimal? AgreedAmount,
        string Currency, GuaranteeChannel Channel, string? ServiceLine, Guid? TransactionId);
}
