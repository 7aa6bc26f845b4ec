using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Lookups;

/// <summary>The choices of the drop-down lists on staff forms and filters.</summary>
public static class GetOptions
{
    public sealed record Teams(TeamKind? Kind = null) : IQuery<IReadOnlyList<Option>>;

    public sealed record People(bool ActiveOnly = true) : IQuery<IReadOnlyList<Option>>;

    public sealed record Clients : IQuery<IReadOnlyList<Option>>;

    public sealed record ServiceLines : IQuery<IReadOnlyList<Option>>;

    public sealed record ContactsOf(Guid ClientId) : IQuery<IReadOnlyList<Option>>;

    public sealed record FailureCategories : IQuery<IReadOnlyList<Option>>;

    public sealed record OpenInitiatives : IQuery<IReadOnlyList<Option>>;

    public sealed class Handler(IAppDbContext db) :
        IQueryHandler<Teams, IReadOnlyList<Option>>,
        IQueryHandler<People, IReadOnlyList<Option>>,
        IQueryHandler<Clients, IReadOnlyList<Option>>,
        IQueryHandler<ServiceLines, IReadOnlyList<Option>>,
        IQueryHandler<ContactsOf, IReadOnlyList<Option>>,
        IQueryHandler<FailureCategories, IReadOnlyList<Option>>,
        IQueryHandler<OpenInitiatives, IReadOnlyList<Option>>
    {
        public async ValueTask<IReadOnlyList<Option>> Handle(FailureCategories query, CancellationToken cancellationToken) =>
            await db.FailureCategories.AsNoTracking()
                .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
                .Select(c => new Option(c.Id, c.Name))
                .ToListAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Option>> Handle(OpenInitiatives query, CancellationToken cancellationToken) =>
            await db.Initiatives.AsNoTracking()
                .Where(i => i.Status == InitiativeStatus.Proposed || i.Status == InitiativeStatus.InProgress)
                .OrderBy(i => i.Title)
                .Select(i => new Option(i.Id, i.Title))
                .ToListAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Option>> Handle(Teams query, CancellationToken cancellationToken) =>
            await db.Teams.AsNoTracking()
                .Where(t => query.Kind == null || t.Kind == query.Kind)
                .OrderBy(t => t.Name)
                .Select(t => new Option(t.Id, t.Name))
                .ToListAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Option>> Handle(People query, CancellationToken cancellationToken) =>
            await db.People.AsNoTracking()
                .Where(p => !query.ActiveOnly || p.IsActive)
                .OrderBy(p => p.DisplayName)
                .Select(p => new Option(p.Id, p.DisplayName))
                .ToListAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Option>> Handle(Clients query, CancellationToken cancellationToken) =>
            await db.Clients.AsNoTracking()
                .OrderBy(c => c.Name)
                .Select(c => new Option(c.Id, c.Name))
                .ToListAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Option>> Handle(ServiceLines query, CancellationToken cancellationToken) =>
            await db.ServiceLines.AsNoTracking()
                .OrderBy(s => s.Name)
                .Select(s => new Option(s.Id, s.Name))
                .ToListAsync(cancellationToken);

        public async ValueTask<IReadOnlyList<Option>> Handle(ContactsOf query, CancellationToken cancellationToken) =>
            await db.Contacts.AsNoTracking()
                .Where(c => c.ClientId == query.ClientId)
                .OrderBy(c => c.Name)
                .Select(c => new Option(c.Id, c.Email == null ? c.Name : c.Name + " <" + c.Email + ">"))
                .ToListAsync(cancellationToken);
    }
}
