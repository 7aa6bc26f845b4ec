using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Surveys;

namespace ServiceExcellence.Application.Surveys;

/// <summary>Marks unanswered invitations whose links have run out as Expired, so staff see the true state.</summary>
public static class ExpireInvitations
{
    public sealed record Command : ICommand<int>;

    public sealed class Handler(IAppDbContext db, TimeProvider clock) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            return await db.SurveyInvitations
                .Where(i => (i.Status == InvitationStatus.Pending || i.Status == InvitationStatus.Sent
                        || i.Status == InvitationStatus.Opened || i.Status == InvitationStatus.Failed)
                    && i.ExpiresAt <= now)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(i => i.Status, InvitationStatus.Expired)
                    .SetProperty(i => i.Version, Guid.NewGuid()), cancellationToken);
        }
    }
}
