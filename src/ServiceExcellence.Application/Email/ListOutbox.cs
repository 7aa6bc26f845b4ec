using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Email;

/// <summary>Every email the product sends, newest first, for administrators to see what left and what did not.</summary>
public static class ListOutbox
{
    public const int PageSize = 50;

    /// <summary>Optionally only one status, and only recipients whose address or name contains <c>Search</c>.</summary>
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(OutboxStatus? Status = null, string? Search = null, int Page = 1) : IQuery<Result>;

    /// <summary>One page of emails, and how many emails there are of each status (the search applies to the counts, the status filter does not).</summary>
    public sealed record Result(PagedList<Row> Messages, IReadOnlyDictionary<OutboxStatus, int> Counts);

    public sealed record Row(
        Guid Id,
        DateTimeOffset CreatedAt,
        string Kind,
        string ToAddress,
        string ToName,
        string Subject,
        OutboxStatus Status,
        int Attempts,
        DateTimeOffset NextAttemptAt,
        DateTimeOffset? SentAt,
        string? LastError);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var messages = db.OutboxMessages.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                // Lower-cased on both sides: SQLite compares case-sensitively.
                var term = query.Search.Trim().ToLowerInvariant();
                messages = messages.Where(m => m.ToAddress.ToLower().Contains(term) || m.ToName.ToLower().Contains(term));
            }

            var counted = await messages
                .GroupBy(m => m.Status)
                .Select(g => new { Status = g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var counts = Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => counted.SingleOrDefault(c => c.Status == s)?.Count ?? 0);

            if (query.Status is { } status)
            {
                messages = messages.Where(m => m.Status == status);
            }

            var rows = messages
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
                .Select(m => new Row(m.Id, m.CreatedAt, m.Kind, m.ToAddress, m.ToName, m.Subject, m.Status, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError));
            var page = await PagedList<Row>.CreateAsync(rows, query.Page, PageSize, cancellationToken);
            return new Result(page, counts);
        }
    }
}
