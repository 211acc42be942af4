import { agentAnswerProblem } from '../../cli/commands/state';

describe('a /state answer from an agent is named as such, with the fix', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a master', { master_info: { id: 'm' }, agents: [] }, undefined],
    ['an agent naming its master', { id: 'a', port: 5051, master: '192.0.2.1:5050' }, '192.0.2.7:5051 is an agent, not a master: its master is 192.0.2.1:5050; use --master 192.0.2.1:5050'],
    ['a Mesos-shaped agent', { id: 'a', pid: 'slave(1)@192.0.2.7:5051' }, "192.0.2.7:5051 is an agent, not a master: give --master the master's address"],
    ['something else', { hello: 'world' }, undefined],
    ['not an object', 'text', undefined],
    ['null', null, undefined],
  ])('%s', (_what, answer, expected) => {
    expect(agentAnswerProblem('192.0.2.7:5051', answer)).toBe(expected);
  });
});
