using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.FailureCategories;

/// <summary>Every failure category, active or not, with how many ratings named it.</summary>
public static class ListFailureCategories
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, string Name, string? Description, bool IsCritical, bool IsActive, int SortOrder, int UsedBy);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.FailureCategories.AsNoTracking()
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new Row(
                    c.Id,
                    c.Name,
                    c.Description,
                    c.IsCritical,
                    c.IsActive,
                    c.SortOrder,
                    db.RatingFailureCategories.Count(r => r.FailureCategoryId == c.Id)))
                .ToListAsync(cancellationToken);
    }
}
