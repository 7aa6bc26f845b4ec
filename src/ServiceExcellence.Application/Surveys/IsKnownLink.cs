using Mediator;
using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Application.Surveys;

/// <summary>Whether a secret link exists at all, however old: unsubscribing works even after the survey has closed.</summary>
public static class IsKnownLink
{
    public sealed record Query(string? Token) : IQuery<bool>;

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, bool>
    {
        public async ValueTask<bool> Handle(Query query, CancellationToken cancellationToken) =>
            await SurveyTokens.FindInvitationAsync(db, query.Token, cancellationToken) is not null;
    }
}
