using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Application.Alerts;

/// <summary>Everything a person needs to work one alert: why it was raised, the rating, the transaction, the client's history.</summary>
public static class AlertDetails
{
    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, Guid Version, string Title, AlertSeverity Severity, AlertStatus Status, bool Overdue, int EscalationLevel,
        DateTimeOffset CreatedAt, DateTimeOffset AcknowledgeBy, DateTimeOffset ResolveBy, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt,
        decimal RevenueAtRisk, decimal Priority, string RevenueFormula, string PriorityFormula,
        Guid? AssigneeId, string? Assignee,
        Guid? ClientId, string? Client, decimal? ClientRevenue, string? ClientSegment,
        Guid? TransactionId, string? TransactionReference, DateTimeOffset? TransactionOccurredAt, string? ServiceLine,
        Rating? Rating,
        string? RecoveryAction, string? ClientReaction, Guid? RootCauseCategoryId, string? RootCauseCategory, string? SystemicCause,
        Guid? InitiativeId, string? Initiative,
        IReadOnlyList<string> Triggers, IReadOnlyList<Route> Routes, IReadOnlyList<HistoryRating> ClientHistory,
        IReadOnlyList<AuditRow> Audit, IReadOnlyList<CommentRow> Comments)
    {
        public bool IsOpen => Status is AlertStatus.New or AlertStatus.Acknowledged or AlertStatus.Recovering;
    }

    public sealed record Rating(int Overall, int? Reliability, int? Responsiveness, int? FeelingValued, int? Empathy, int? Competency,
        int? LikelihoodToRecommend, IReadOnlyList<string> FailureCategories, string? Comment, string? Contact, DateTimeOffset SubmittedAt);

    public sealed record Route(string Team, string Reason);

    public sealed record HistoryRating(DateTimeOffset SubmittedAt, string ServiceLine, int Overall, string? Comment);

    public sealed record AuditRow(DateTimeOffset At, string Who, string Field, string? Before, string? After);

    public sealed record CommentRow(DateTimeOffset At, string Author, string Text);

    public sealed class Handler(IAppDbContext db, AlertAccess access, IOptions<AlertOptions> options, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var visible = await access.VisibleAsync(cancellationToken);
            var a = await visible.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
                ?? throw new NotFoundException("The alert");
            var client = a.ClientId is { } clientId
                ? await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.Name, c.AnnualRevenue, c.Segment }).SingleAsync(cancellationToken)
                : null;
            var transaction = a.TransactionId is { } transactionId
                ? await db.Transactions.AsNoTracking().Where(t => t.Id == transactionId).Select(t => new { t.ExternalReference, t.OccurredAt }).SingleOrDefaultAsync(cancellationToken)
                : null;
            var serviceLine = a.ServiceLineId is { } lineId ? await db.ServiceLines.AsNoTracking().Where(s => s.Id == lineId).Select(s => s.Name).SingleOrDefaultAsync(cancellationToken) : null;
            var rating = a.RatingId is { } ratingId ? await LoadRatingAsync(ratingId, cancellationToken) : null;

            var triggers = await db.AlertTriggers.AsNoTracking().Where(t => t.AlertId == a.Id).OrderBy(t => t.Id).Select(t => t.RuleName + ": " + t.Detail).ToListAsync(cancellationToken);
            var routes = await (from r in db.AlertRoutes.AsNoTracking() where r.AlertId == a.Id join t in db.Teams on r.TeamId equals t.Id orderby t.Name select new Route(t.Name, r.Reason)).ToListAsync(cancellationToken);
            var auditEntries = await db.AlertAudit.AsNoTracking().Where(e => e.AlertId == a.Id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
            var commentEntries = await db.AlertComments.AsNoTracking().Where(c => c.AlertId == a.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken);

            // Only the people this alert names: the assignee and the authors of its audit entries and comments.
            var named = auditEntries.Select(e => e.ActorId).Concat(commentEntries.Select(c => (Guid?)c.AuthorId)).Append(a.AssigneeId)
                .OfType<Guid>().Distinct().ToList();
            var people = await db.People.AsNoTracking().Where(p => named.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.DisplayName, cancellationToken);
            string Name(Guid? id) => id is { } value && people.TryGetValue(value, out var name) ? name : "system";
            var audit = auditEntries.Select(e => new AuditRow(e.At, Name(e.ActorId), e.Field, e.Before, e.After)).ToList();
            var comments = commentEntries.Select(c => new CommentRow(c.At, Name(c.AuthorId), c.Text)).ToList();
            var history = a.ClientId is null ? [] : await (
                from r in db.Ratings.AsNoTracking()
                where r.ClientId == a.ClientId
                orderby r.SubmittedAt descending
                join s in db.ServiceLines on r.ServiceLineId equals s.Id
                select new HistoryRating(r.SubmittedAt, s.Name, r.Overall, r.Comment)).Take(10).ToListAsync(cancellationToken);
            var category = a.RootCauseCategoryId is { } categoryId ? await db.FailureCategories.Where(c => c.Id == categoryId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken) : null;
            var initiative = a.InitiativeId is { } initiativeId ? await db.Initiatives.Where(i => i.Id == initiativeId).Select(i => i.Title).SingleOrDefaultAsync(cancellationToken) : null;

            return new Model(
                a.Id, a.Version, a.Title, a.Severity, a.Status, a.IsOverdue(clock.GetUtcNow()), a.EscalationLevel,
                a.CreatedAt, a.AcknowledgeBy, a.ResolveBy, a.AcknowledgedAt, a.ResolvedAt,
                a.RevenueAtRisk, a.Priority, options.Value.Formula, Alert.PriorityFormula,
                a.AssigneeId, a.AssigneeId is null ? null : Name(a.AssigneeId),
                a.ClientId, client?.Name, client?.AnnualRevenue, client?.Segment,
                a.TransactionId, transaction?.ExternalReference, transaction?.OccurredAt, serviceLine,
                rating,
                a.RecoveryAction, a.ClientReaction, a.RootCauseCategoryId, category, a.SystemicCause, a.InitiativeId, initiative,
                triggers, routes, history, audit, comments);
        }

        private async Task<Rating?> LoadRatingAsync(Guid ratingId, CancellationToken cancellationToken)
        {
            var r = await db.Ratings.AsNoTracking().SingleOrDefaultAsync(x => x.Id == ratingId, cancellationToken);
            if (r is null)
            {
                return null;
            }

            var categories = await (from c in db.RatingFailureCategories where c.RatingId == ratingId join f in db.FailureCategories on c.FailureCategoryId equals f.Id select f.Name).ToListAsync(cancellationToken);
            var contact = r.ContactId is { } contactId ? await db.Contacts.Where(k => k.Id == contactId).Select(k => k.Name).SingleOrDefaultAsync(cancellationToken) : null;
            return new Rating(r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend, categories, r.Comment, contact, r.SubmittedAt);
        }
    }
}
