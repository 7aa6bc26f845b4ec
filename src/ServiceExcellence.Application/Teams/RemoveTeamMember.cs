using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Teams;

/// <summary>Takes a person off a team. The team's manager stays until another is appointed (the domain refuses).</summary>
public static class RemoveTeamMember
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command(Guid TeamId, Guid PersonId) : ICommand;

    public sealed class Handler(IAppDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Include(t => t.Members).SingleOrDefaultAsync(t => t.Id == command.TeamId, cancellationToken)
                ?? throw new NotFoundException("The team");
            team.RemoveMember(command.PersonId);
            return Unit.Value;
        }
    }
}
