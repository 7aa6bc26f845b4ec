using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.People;

/// <summary>
/// Adds a member of staff and their sign-in account, with an initial password the administrator passes on.
/// There is no self-registration: this is the only way an account comes into being.
/// </summary>
public static class AddPerson
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Command : ICommand<Guid>
    {
        public string? Name { get; init; }
        public string? Email { get; init; }
        public StaffRole? Role { get; init; } = StaffRole.TeamMember;
        public string? Password { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IAppDbContext db)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the person's name.").MaximumLength(Limits.Name);
            RuleFor(c => c.Email)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the person's email address.")
                .MaximumLength(Limits.Email)
                .EmailAddress().WithMessage("Enter a valid email address.")
                // The email is also the sign-in name, which allows only these characters.
                .Matches("^\\s*[A-Za-z0-9._@+-]+\\s*$").WithMessage("Use only letters, digits and . _ - + @ in the email address; it is also the sign-in name.")
                .MustAsync(async (email, ct) =>
                {
                    var normalised = Person.NormaliseEmail(email);
                    return !await db.People.AnyAsync(p => p.Email == normalised, ct);
                })
                .WithMessage("Someone already has this email address.");
            RuleFor(c => c.Role)
                .NotNull().WithMessage("Choose a role.")
                .IsInEnum().WithMessage("Choose a role.");
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter an initial password.");
        }
    }

    public sealed class Handler(IAppDbContext db, IStaffAccounts accounts) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken cancellationToken)
        {
            var person = new Person(command.Name!, command.Email!, command.Role!.Value);
            db.People.Add(person);

            // The password rules live with the sign-in accounts; their verdict belongs next to the password field.
            var passwordErrors = await accounts.CreateAsync(person, command.Password!, cancellationToken);
            if (passwordErrors.Count > 0)
            {
                throw new ValidationException([new ValidationFailure(nameof(Command.Password), string.Join(" ", passwordErrors))]);
            }

            return person.Id;
        }
    }
}
