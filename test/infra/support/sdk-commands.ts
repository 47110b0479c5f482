import { join, sep } from 'node:path';
import ts from 'typescript';

/**
 * The AWS SDK commands a function's code can send, found by following its code from the handler:
 * every `new <X>Command(...)` in a function, method or variable that the handler reaches (a method
 * through a call on it, an interface's method through each class that implements it), not every
 * command of the modules the bundle carries: a store class bundles all its methods, whichever the
 * function calls. Commands sent by a library on the function's behalf are listed in `libraryCommands`.
 */

const projectRoot = join(__dirname, '../../..');

/** Constructors of libraries that send commands themselves, and what they send. */
const libraryCommands: Record<string, string[]> = {
  SecretsProvider: ['secretsmanager:GetSecretValue'],
};

/** The IAM prefix of each SDK package's commands. */
const servicePrefixes: Record<string, string> = {
  'lib-dynamodb': 'dynamodb',
  'client-dynamodb': 'dynamodb',
  'client-sqs': 'sqs',
  'client-kinesis': 'kinesis',
  'client-secrets-manager': 'secretsmanager',
  'client-apigatewayv2': 'apigateway',
};

/** The Document client's commands, by the DynamoDB operation each sends. */
const documentCommands: Record<string, string> = {
  Get: 'GetItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
};

/** API Gateway's management API is authorized by HTTP method, not by operation. */
const apiGatewayActions: Record<string, string> = { GetStage: 'GET', UpdateStage: 'PATCH', DeleteRouteSettings: 'DELETE' };

/** A transaction is authorized as its parts: each part's action on its item (DynamoDB developer guide, "Using IAM with transactions"). */
const transactionParts: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem', Get: 'GetItem' };

export interface SentCommand {
  /** `@aws-sdk/lib-dynamodb` */
  readonly sdkPackage: string;
  /** `Get`, as the metafile names the command module (`GetCommand.js`) */
  readonly operation: string;
}

export interface FunctionCommands {
  readonly commands: SentCommand[];
  /** The IAM actions those commands need. */
  readonly actions: Set<string>;
}

interface UnitScan {
  readonly commands: SentCommand[];
  readonly libraryActions: string[];
  readonly transactionParts: string[];
  readonly reaches: ts.Node[];
}

const isProjectFile = (file: ts.SourceFile) => !file.isDeclarationFile && !file.fileName.includes(`${sep}node_modules${sep}`);

const sdkPackageOf = (file: ts.SourceFile) => /node_modules\/(@aws-sdk\/[^/]+)\//.exec(file.fileName.replaceAll(sep, '/'))?.[1];

export class SdkCommandAnalysis {
  private readonly program: ts.Program;
  private readonly checker: ts.TypeChecker;
  private readonly scans = new Map<ts.Node, UnitScan>();
  /** Interface name → the classes that implement it, for calls made through an interface. */
  private readonly implementations = new Map<string, ts.ClassLikeDeclaration[]>();

  constructor(entries: readonly string[]) {
    const config = ts.readConfigFile(join(projectRoot, 'tsconfig.json'), ts.sys.readFile);
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, projectRoot);
    this.program = ts.createProgram(
      entries.map((entry) => join(projectRoot, entry)),
      { ...options, noEmit: true },
    );
    this.checker = this.program.getTypeChecker();
    for (const file of this.program.getSourceFiles().filter(isProjectFile)) {
      for (const statement of file.statements) {
        if (!ts.isClassDeclaration(statement)) continue;
        for (const type of (statement.heritageClauses ?? []).flatMap((clause) => clause.types)) {
          const name = type.expression.getText();
          this.implementations.set(name, [...(this.implementations.get(name) ?? []), statement]);
        }
      }
    }
  }

  /** What the handler in `entry` (e.g. `functions/user/handlers/login.ts`) can send. */
  commandsOf(entry: string): FunctionCommands {
    const file = this.program.getSourceFile(join(projectRoot, entry));
    if (!file) throw new Error(`${entry} is not in the analysed program`);
    const handler = file.statements.find(
      (statement) => ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => d.name.getText() === 'handler'),
    );
    if (!handler) throw new Error(`${entry} exports no handler`);

    const commands = new Map<string, SentCommand>();
    const libraryActions = new Set<string>();
    const parts = new Set<string>();
    const visited = new Set<ts.Node>();
    const queue: ts.Node[] = [handler];
    while (queue.length > 0) {
      const node = queue.shift()!;
      if (visited.has(node)) continue;
      visited.add(node);
      const found = this.scan(node);
      for (const command of found.commands) commands.set(`${command.sdkPackage} ${command.operation}`, command);
      for (const action of found.libraryActions) libraryActions.add(action);
      for (const part of found.transactionParts) parts.add(part);
      queue.push(...found.reaches.filter((reached) => !visited.has(reached)));
    }

    const actions = new Set(libraryActions);
    for (const { sdkPackage, operation } of commands.values()) {
      for (const action of this.actionsOf(sdkPackage, operation, parts)) actions.add(action);
    }
    return { commands: [...commands.values()], actions };
  }

  /** What one function, method or variable does itself: the commands it makes and the declarations it names. Kept per node. */
  private scan(unit: ts.Node): UnitScan {
    const known = this.scans.get(unit);
    if (known) return known;
    const found: UnitScan = { commands: [], libraryActions: [], transactionParts: [], reaches: [] };
    const walk = (node: ts.Node): void => {
      if (ts.isNewExpression(node)) {
        const symbol = this.resolve(node.expression);
        const name = symbol?.getName() ?? '';
        const declaration = symbol?.declarations?.[0];
        const sdkPackage = declaration && sdkPackageOf(declaration.getSourceFile());
        if (sdkPackage && name.endsWith('Command')) found.commands.push({ sdkPackage, operation: name.slice(0, -'Command'.length) });
        found.libraryActions.push(...(libraryCommands[name] ?? []));
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && transactionParts[node.name.text]) {
        found.transactionParts.push(node.name.text);
      }
      if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) {
        for (const declaration of this.resolve(node)?.declarations ?? []) {
          if (isProjectFile(declaration.getSourceFile())) found.reaches.push(...this.unitOf(declaration));
        }
      }
      node.forEachChild(walk);
    };
    // A class reached as a value runs its constructor and field initializers, not its methods.
    if (ts.isClassDeclaration(unit)) {
      for (const member of unit.members) if (ts.isConstructorDeclaration(member) || ts.isPropertyDeclaration(member)) walk(member);
    } else walk(unit);
    this.scans.set(unit, found);
    return found;
  }

  private resolve(node: ts.Node): ts.Symbol | undefined {
    const symbol = this.checker.getSymbolAtLocation(node);
    return symbol && symbol.flags & ts.SymbolFlags.Alias ? this.checker.getAliasedSymbol(symbol) : symbol;
  }

  /** What to follow when code names a declaration: its body, or each implementation of an interface member. */
  private unitOf(declaration: ts.Declaration): ts.Node[] {
    if ((ts.isMethodSignature(declaration) || ts.isPropertySignature(declaration)) && ts.isInterfaceDeclaration(declaration.parent)) {
      const name = declaration.name.getText();
      return (this.implementations.get(declaration.parent.name.text) ?? []).flatMap((implementation) =>
        implementation.members.filter((member) => member.name?.getText() === name),
      );
    }
    if (ts.isParameter(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)) return [];
    return [declaration];
  }

  private actionsOf(sdkPackage: string, operation: string, parts: Set<string>): string[] {
    const packageName = sdkPackage.replace('@aws-sdk/', '');
    const prefix = servicePrefixes[packageName];
    if (!prefix) throw new Error(`No IAM prefix known for ${sdkPackage}: add it to servicePrefixes`);
    if (prefix === 'apigateway') {
      const method = apiGatewayActions[operation];
      if (!method) throw new Error(`No IAM action known for ${sdkPackage} ${operation}: add it to apiGatewayActions`);
      return [`apigateway:${method}`];
    }
    const dynamoOperation = packageName === 'lib-dynamodb' ? documentCommands[operation] : operation;
    if (!dynamoOperation) throw new Error(`No DynamoDB operation known for ${sdkPackage} ${operation}`);
    if (dynamoOperation === 'TransactWriteItems' || dynamoOperation === 'TransactGetItems') {
      return [...parts].map((part) => `dynamodb:${transactionParts[part]}`);
    }
    return [`${prefix}:${dynamoOperation}`];
  }
}
