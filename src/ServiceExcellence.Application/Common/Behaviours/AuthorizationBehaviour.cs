using System.Reflection;
using Mediator;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Common.Behaviours;

/// <summary>
/// Refuses a message marked <see cref="RequiresRoleAttribute"/> with a <see cref="ForbiddenException"/> unless the
/// current user holds one of its roles; unmarked messages pass untouched. Callers without a person — background jobs,
/// API-key integrations — hold no role, so they may send only unmarked messages. Record-level rules (team scoping,
/// the guarantee desk) stay in the handlers.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser user, ILogger<AuthorizationBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    // Read once per message type: each closed generic type has its own static field.
    private static readonly StaffRole[] Required = typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>()?.Roles.ToArray() ?? [];

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Required.Length == 0 || Array.Exists(Required, role => user.IsInRole(role.ToString())))
        {
            return next(message, cancellationToken);
        }

        logger.LogWarning("Refused {Message} for {PersonId}: it requires the role {Roles}",
            typeof(TMessage).FullName, user.PersonId, string.Join(" or ", Required));
        throw new ForbiddenException($"Only {string.Join(" or ", Required.Select(Plural))} may do this.");
    }

    private static string Plural(StaffRole role) => role.Describe().ToLowerInvariant() + "s";
}
