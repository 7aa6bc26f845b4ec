using Microsoft.EntityFrameworkCore;

namespace ServiceExcellence.Application.Common.Models;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => TotalCount == 0 ? 1 : (int)Math.Ceiling(TotalCount / (double)PageSize);

    public static async Task<PagedList<T>> CreateAsync(IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken)
    {
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);
        var total = await query.CountAsync(cancellationToken);
        var items = OffsetOf(page, pageSize, total) is { } offset
            ? await query.Skip(offset).Take(pageSize).ToListAsync(cancellationToken)
            : [];
        return new PagedList<T>(items, page, pageSize, total);
    }

    /// <summary>
    /// The rows to skip for <paramref name="page"/>, or null when the page lies past the last row. Computed in 64 bits:
    /// a page number from an address can be as large as <see cref="int.MaxValue"/>, and a wrapped negative offset is
    /// an error on SQL Server.
    /// </summary>
    public static int? OffsetOf(int page, int pageSize, int total)
    {
        var offset = (long)(page - 1) * pageSize;
        return offset < total ? (int)offset : null;
    }
}
