using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;

namespace ServiceExcellence.Application.Integrations;

/// <summary>The clients and service lines an integrating system refers to, so it can map its own ids to them.</summary>
public static class ListReferences
{
    public sealed record Clients(int Page = 1, int PageSize = 100) : IQuery<PagedList<ClientReference>>;

    public sealed record ServiceLines(int Page = 1, int PageSize = 100) : IQuery<PagedList<ServiceLineReference>>;

    /// <summary><c>ExternalId</c> is what <c>clientReference</c> must carry; a client without one cannot be posted to yet.</summary>
    public sealed record ClientReference(string? ExternalId, string Name, string? Segment);

    public sealed record ServiceLineReference(string Code, string Name);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Clients, PagedList<ClientReference>>, IQueryHandler<ServiceLines, PagedList<ServiceLineReference>>
    {
        public async ValueTask<PagedList<ClientReference>> Handle(Clients query, CancellationToken cancellationToken) =>
            await PagedList<ClientReference>.CreateAsync(
                db.Clients.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).Select(c => new ClientReference(c.ExternalId, c.Name, c.Segment)),
                query.Page, query.PageSize, cancellationToken);

        public async ValueTask<PagedList<ServiceLineReference>> Handle(ServiceLines query, CancellationToken cancellationToken) =>
            await PagedList<ServiceLineReference>.CreateAsync(
                db.ServiceLines.AsNoTracking().OrderBy(s => s.Code).Select(s => new ServiceLineReference(s.Code, s.Name)),
                query.Page, query.PageSize, cancellationToken);
    }
}
