using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.People;

/// <summary>
/// Changes a person's name, role or active state, and brings their sign-in account in line: a new role
/// applies at their next request, and a deactivated person is signed out and cannot sign in again.
/// </summary>
public static class EditPerson
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Form>;

    /// <summary>The form, with what it shows but does not change: the email, and whether it is the administrator's own record.</summary>
    public sealed record Form(Command Command, string Email, bool IsSelf);

    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public string? Name { get; init; }
        public StaffRole? Role { get; init; }
        public bool IsActive { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ICurrentUser currentUser)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(Limits.Name);
            RuleFor(c => c.Role)
                .NotNull().WithMessage("Choose a role.")
                .IsInEnum().WithMessage("Choose a role.")
                .Must((command, role) => command.Id != currentUser.PersonId || role == StaffRole.Administrator)
                .WithMessage("You cannot remove your own Administrator role; ask another administrator to do it.");
            RuleFor(c => c.IsActive)
                .Must((command, active) => active || command.Id != currentUser.PersonId)
                .WithMessage("You cannot deactivate yourself; ask another administrator to do it.");
        }
    }

    public sealed class QueryHandler(IAppDbContext db, ICurrentUser currentUser) : IQueryHandler<Query, Form>
    {
        public async ValueTask<Form> Handle(Query query, CancellationToken cancellationToken)
        {
            var form = await db.People.AsNoTracking()
                .Where(p => p.Id == query.Id)
                .Select(p => new Form(
                    new Command { Id = p.Id, Version = p.Version, Name = p.DisplayName, Role = p.Role, IsActive = p.IsActive },
                    p.Email,
                    false))
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The person");
            return form with { IsSelf = form.Command.Id == currentUser.PersonId };
        }
    }

    public sealed class Handler(IAppDbContext db, IStaffAccounts accounts) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var person = await db.People.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken)
                ?? throw new NotFoundException("The person");
            db.People.Entry(person).Property(p => p.Version).OriginalValue = command.Version;
            person.Update(command.Name!, command.Role!.Value, command.IsActive);
            await accounts.SyncAsync(person, cancellationToken);
            return person.Id;
        }
    }
}
