using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Insight;

/// <summary>
/// The alerts raised in a scope and range as CSV, oldest first, streamed from the database. Only alerts the caller may
/// open are listed: a client's or service line's export leaves out alerts routed only to other teams.
/// </summary>
public static class ExportAlerts
{
    public sealed record Query(ScopeKind Scope, Guid? Id = null, DateOnly? From = null, DateOnly? To = null) : IQuery<Csv.Export>;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(TimeProvider clock) => InsightRange.Validate(this, q => q.From, q => q.To, clock);
    }

    public sealed class Handler(IAppDbContext db, InsightAccess access, AlertAccess alerts, TimeProvider clock) : IQueryHandler<Query, Csv.Export>
    {
        public async ValueTask<Csv.Export> Handle(Query query, CancellationToken cancellationToken)
        {
            var scope = await access.ResolveAsync(query.Scope, query.Id, cancellationToken);
            var range = InsightRange.Of(query.From, query.To, clock);
            var rows = (await alerts.VisibleAsync(cancellationToken)).AsNoTracking().InScope(db, scope)
                .Where(a => a.CreatedAt >= range.Start && a.CreatedAt < range.End)
                .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new
                {
                    a.CreatedAt,
                    a.Title,
                    a.Severity,
                    a.Status,
                    Client = db.Clients.Where(c => c.Id == a.ClientId).Select(c => c.Name).FirstOrDefault(),
                    ServiceLine = db.ServiceLines.Where(s => s.Id == a.ServiceLineId).Select(s => s.Name).FirstOrDefault(),
                    a.RevenueAtRisk,
                    a.AcknowledgeBy,
                    a.AcknowledgedAt,
                    a.ResolveBy,
                    a.ResolvedAt,
                    RootCause = db.FailureCategories.Where(f => f.Id == a.RootCauseCategoryId).Select(f => f.Name).FirstOrDefault(),
                })
                .AsAsyncEnumerable()
                .Select(a => new[]
                {
                    Csv.Instant(a.CreatedAt), Csv.Text(a.Title), a.Severity.ToString(), a.Status.ToString(), Csv.Text(a.Client), Csv.Text(a.ServiceLine),
                    Csv.Number(a.RevenueAtRisk), Csv.Instant(a.AcknowledgeBy), Csv.Instant(a.AcknowledgedAt), Csv.Instant(a.ResolveBy),
                    Csv.Instant(a.ResolvedAt), Csv.Text(a.RootCause),
                });
            return new Csv.Export(range.CsvFileName("alerts", scope),
                ["Raised (UTC)", "Title", "Severity", "Status", "Client", "Service line", "Revenue at risk", "Acknowledge by (UTC)",
                    "Acknowledged (UTC)", "Resolve by (UTC)", "Resolved (UTC)", "Root cause"],
                rows);
        }
    }
}
