using PhoneGroups.Commands;

return CommandLine.Run(args, Console.Out, Console.Error);
