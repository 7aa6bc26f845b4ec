using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Guarantees;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>The guarantee desk: every open invocation, oldest first, then the ones recently settled or withdrawn.</summary>
public static class ListGuarantees
{
    public const int RecentCount = 20;

    public sealed record Query : IQuery<Model>;

    /// <summary><paramref name="CanAct"/>: the president; administrators read the desk without its buttons.</summary>
    public sealed record Model(bool CanAct, DateTimeOffset Now, IReadOnlyList<Row> Open, IReadOnlyList<Row> Recent);

    public sealed record Row(
        Guid Id, DateTimeOffset CreatedAt, Guid ClientId, string Client, string? Contact, GuaranteeChannel Channel, string? ServiceLine,
        decimal InvoicedAmount, string Currency, decimal ChosenAmount, decimal? AgreedAmount, GuaranteeStatus Status, DateOnly? FollowUpOn)
    {
        public decimal? Credit => AgreedAmount is { } agreed ? InvoicedAmount - agreed : null;

        public int AgeInDays(DateTimeOffset now) => Math.Max(0, (int)(now - CreatedAt).TotalDays);
    }

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            access.EnsureCanRead();
            var open = await RowsOf(db, db.GuaranteeInvocations.Where(GuaranteeOpener.IsOpen)).ToListAsync(cancellationToken);
            var recent = await RowsOf(db, db.GuaranteeInvocations
                    .Where(g => g.Status == GuaranteeStatus.Settled || g.Status == GuaranteeStatus.Withdrawn)
                    .OrderByDescending(g => g.CreatedAt).Take(RecentCount))
                .ToListAsync(cancellationToken);
            return new Model(access.CanAct, clock.GetUtcNow(), open.OrderBy(r => r.CreatedAt).ToList(), recent.OrderByDescending(r => r.CreatedAt).ToList());
        }
    }

    /// <summary>The desk's row of each invocation (unordered: sort the rows).</summary>
    internal static IQueryable<Row> RowsOf(IAppDbContext db, IQueryable<GuaranteeInvocation> invocations) =>
        from g in invocations.AsNoTracking()
        join c in db.Clients on g.ClientId equals c.Id
        from k in db.Contacts.Where(k => k.Id == g.ContactId).DefaultIfEmpty()
        from t in db.Transactions.Where(t => t.Id == g.TransactionId).DefaultIfEmpty()
        from s in db.ServiceLines.Where(s => s.Id == t.ServiceLineId).DefaultIfEmpty()
        select new Row(g.Id, g.CreatedAt, c.Id, c.Name, k.Name, g.Channel, s.Name, g.InvoicedAmount, g.Currency, g.ChosenAmount, g.AgreedAmount, g.Status, g.FollowUpOn);
}
