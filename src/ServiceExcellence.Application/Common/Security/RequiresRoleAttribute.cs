using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Common.Security;

/// <summary>
/// Only a signed-in member of staff in one of these roles may send the marked command or query; the
/// <see cref="Behaviours.AuthorizationBehaviour{TMessage, TResponse}"/> refuses anyone else — other staff, API-key
/// callers and background jobs, which act for no person — with a <see cref="Exceptions.ForbiddenException"/>.
/// It holds whatever page or endpoint sends the message, beside the page folder's own policy.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresRoleAttribute(StaffRole role, params StaffRole[] otherRoles) : Attribute
{
    public IReadOnlyList<StaffRole> Roles { get; } = [role, .. otherRoles];
}
