using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>
/// The guarantee desk belongs to the president; administrators may read it. Every desk query and command goes
/// through here, so the rule holds whatever page or endpoint sends them.
/// </summary>
public sealed class GuaranteeAccess(IAppDbContext db, ICurrentUser user)
{
    /// <summary>Whether the signed-in person may settle, withdraw, annotate and log calls.</summary>
    public bool CanAct => user.IsInRole(StaffRoles.President);

    public void EnsureCanRead()
    {
        if (!CanAct && !user.IsInRole(StaffRoles.Administrator))
        {
            throw new ForbiddenException("Only the president and administrators see the guarantee desk.");
        }
    }

    /// <summary>The president acting on the desk; anyone else is refused.</summary>
    public Guid PresidentId =>
        CanAct && user.PersonId is { } id ? id : throw new ForbiddenException("Only the president settles guarantee invocations and logs calls.");

    /// <summary>
    /// The invocation to change, tracked, with the version the president saw: a change saved in between (another
    /// president, another tab) is a conflict, never silently overwritten.
    /// </summary>
    public async Task<GuaranteeInvocation> LoadForChangeAsync(Guid id, Guid version, CancellationToken cancellationToken)
    {
        var invocation = await db.GuaranteeInvocations.SingleOrDefaultAsync(g => g.Id == id, cancellationToken)
            ?? throw new NotFoundException("The guarantee invocation");
        if (invocation.Version != version)
        {
            throw new ConflictException("Someone else changed this invocation while you were looking at it. Their change is shown now; make yours again if it is still needed.");
        }

        db.GuaranteeInvocations.Entry(invocation).Property(g => g.Version).OriginalValue = version;
        return invocation;
    }
}
