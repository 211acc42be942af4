import * as $protobuf from "protobufjs/minimal";
import Long = require("long");

/** Namespace meseta. */
export namespace meseta {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of a StatusUpdate.
         * @deprecated Use meseta.v1.StatusUpdate.$Properties instead.
         */
        interface IStatusUpdate extends meseta.v1.StatusUpdate.$Properties {
        }

        /** Represents a StatusUpdate. */
        class StatusUpdate {

            /**
             * Constructs a new StatusUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.StatusUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** StatusUpdate framework_id. */
            framework_id?: (meseta.v1.FrameworkID.$Properties|null);

            /** StatusUpdate status. */
            status?: (meseta.v1.TaskStatus.$Properties|null);

            /** StatusUpdate executor_id. */
            executor_id?: (meseta.v1.ExecutorID.$Properties|null);

            /**
             * Creates a new StatusUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns StatusUpdate instance
             */
            static create(properties: meseta.v1.StatusUpdate.$Shape): meseta.v1.StatusUpdate & meseta.v1.StatusUpdate.$Shape;
            static create(properties?: meseta.v1.StatusUpdate.$Properties): meseta.v1.StatusUpdate;

            /**
             * Encodes the specified StatusUpdate message. Does not implicitly {@link meseta.v1.StatusUpdate.verify|verify} messages.
             * @param message StatusUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.StatusUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a StatusUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.StatusUpdate & meseta.v1.StatusUpdate.$Shape} StatusUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.StatusUpdate & meseta.v1.StatusUpdate.$Shape;

            /**
             * Creates a StatusUpdate message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns StatusUpdate
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.StatusUpdate;

            /**
             * Creates a plain object from a StatusUpdate message. Also converts values to other types if specified.
             * @param message StatusUpdate
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.StatusUpdate, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this StatusUpdate to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace StatusUpdate {

            /** Properties of a StatusUpdate. */
            interface $Properties {

                /** StatusUpdate framework_id */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** StatusUpdate status */
                status?: (meseta.v1.TaskStatus.$Properties|null);

                /** StatusUpdate executor_id */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a StatusUpdate. */
            type $Shape = meseta.v1.StatusUpdate.$Properties;
        }

        /**
         * Properties of an AgentToMaster.
         * @deprecated Use meseta.v1.AgentToMaster.$Properties instead.
         */
        interface IAgentToMaster extends meseta.v1.AgentToMaster.$Properties {
        }

        /** Represents an AgentToMaster. */
        class AgentToMaster {

            /**
             * Constructs a new AgentToMaster.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.AgentToMaster.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AgentToMaster register. */
            register?: (meseta.v1.AgentToMaster.Register.$Properties|null);

            /** AgentToMaster heartbeat. */
            heartbeat?: (meseta.v1.AgentToMaster.Heartbeat.$Properties|null);

            /** AgentToMaster updates. */
            updates: meseta.v1.StatusUpdate.$Properties[];

            /** AgentToMaster messages. */
            messages: meseta.v1.AgentToMaster.FrameworkMessage.$Properties[];

            /**
             * Creates a new AgentToMaster instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AgentToMaster instance
             */
            static create(properties: meseta.v1.AgentToMaster.$Shape): meseta.v1.AgentToMaster & meseta.v1.AgentToMaster.$Shape;
            static create(properties?: meseta.v1.AgentToMaster.$Properties): meseta.v1.AgentToMaster;

            /**
             * Encodes the specified AgentToMaster message. Does not implicitly {@link meseta.v1.AgentToMaster.verify|verify} messages.
             * @param message AgentToMaster message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.AgentToMaster.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AgentToMaster message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.AgentToMaster & meseta.v1.AgentToMaster.$Shape} AgentToMaster
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentToMaster & meseta.v1.AgentToMaster.$Shape;

            /**
             * Creates an AgentToMaster message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AgentToMaster
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.AgentToMaster;

            /**
             * Creates a plain object from an AgentToMaster message. Also converts values to other types if specified.
             * @param message AgentToMaster
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.AgentToMaster, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AgentToMaster to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AgentToMaster {

            /** Properties of an AgentToMaster. */
            interface $Properties {

                /** AgentToMaster register */
                register?: (meseta.v1.AgentToMaster.Register.$Properties|null);

                /** AgentToMaster heartbeat */
                heartbeat?: (meseta.v1.AgentToMaster.Heartbeat.$Properties|null);

                /** AgentToMaster updates */
                updates?: (meseta.v1.StatusUpdate.$Properties[]|null);

                /** AgentToMaster messages */
                messages?: (meseta.v1.AgentToMaster.FrameworkMessage.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AgentToMaster. */
            type $Shape = meseta.v1.AgentToMaster.$Properties;

            /**
             * Properties of a Register.
             * @deprecated Use meseta.v1.AgentToMaster.Register.$Properties instead.
             */
            interface IRegister extends meseta.v1.AgentToMaster.Register.$Properties {
            }

            /** Represents a Register. */
            class Register {

                /**
                 * Constructs a new Register.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.AgentToMaster.Register.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Register agent_info. */
                agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                /** Register tasks. */
                tasks: meseta.v1.Task.$Properties[];

                /** Register frameworks. */
                frameworks: meseta.v1.FrameworkInfo.$Properties[];

                /** Register version. */
                version: string;

                /**
                 * Creates a new Register instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Register instance
                 */
                static create(properties: meseta.v1.AgentToMaster.Register.$Shape): meseta.v1.AgentToMaster.Register & meseta.v1.AgentToMaster.Register.$Shape;
                static create(properties?: meseta.v1.AgentToMaster.Register.$Properties): meseta.v1.AgentToMaster.Register;

                /**
                 * Encodes the specified Register message. Does not implicitly {@link meseta.v1.AgentToMaster.Register.verify|verify} messages.
                 * @param message Register message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.AgentToMaster.Register.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Register message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.AgentToMaster.Register & meseta.v1.AgentToMaster.Register.$Shape} Register
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentToMaster.Register & meseta.v1.AgentToMaster.Register.$Shape;

                /**
                 * Creates a Register message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Register
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.AgentToMaster.Register;

                /**
                 * Creates a plain object from a Register message. Also converts values to other types if specified.
                 * @param message Register
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.AgentToMaster.Register, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Register to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Register {

                /** Properties of a Register. */
                interface $Properties {

                    /** Register agent_info */
                    agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                    /** Register tasks */
                    tasks?: (meseta.v1.Task.$Properties[]|null);

                    /** Register frameworks */
                    frameworks?: (meseta.v1.FrameworkInfo.$Properties[]|null);

                    /** Register version */
                    version?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Register. */
                type $Shape = meseta.v1.AgentToMaster.Register.$Properties;
            }

            /**
             * Properties of a Heartbeat.
             * @deprecated Use meseta.v1.AgentToMaster.Heartbeat.$Properties instead.
             */
            interface IHeartbeat extends meseta.v1.AgentToMaster.Heartbeat.$Properties {
            }

            /** Represents a Heartbeat. */
            class Heartbeat {

                /**
                 * Constructs a new Heartbeat.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.AgentToMaster.Heartbeat.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Heartbeat timestamp. */
                timestamp: number;

                /**
                 * Creates a new Heartbeat instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Heartbeat instance
                 */
                static create(properties: meseta.v1.AgentToMaster.Heartbeat.$Shape): meseta.v1.AgentToMaster.Heartbeat & meseta.v1.AgentToMaster.Heartbeat.$Shape;
                static create(properties?: meseta.v1.AgentToMaster.Heartbeat.$Properties): meseta.v1.AgentToMaster.Heartbeat;

                /**
                 * Encodes the specified Heartbeat message. Does not implicitly {@link meseta.v1.AgentToMaster.Heartbeat.verify|verify} messages.
                 * @param message Heartbeat message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.AgentToMaster.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Heartbeat message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.AgentToMaster.Heartbeat & meseta.v1.AgentToMaster.Heartbeat.$Shape} Heartbeat
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentToMaster.Heartbeat & meseta.v1.AgentToMaster.Heartbeat.$Shape;

                /**
                 * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Heartbeat
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.AgentToMaster.Heartbeat;

                /**
                 * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                 * @param message Heartbeat
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.AgentToMaster.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Heartbeat to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Heartbeat {

                /** Properties of a Heartbeat. */
                interface $Properties {

                    /** Heartbeat timestamp */
                    timestamp?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Heartbeat. */
                type $Shape = meseta.v1.AgentToMaster.Heartbeat.$Properties;
            }

            /**
             * Properties of a FrameworkMessage.
             * @deprecated Use meseta.v1.AgentToMaster.FrameworkMessage.$Properties instead.
             */
            interface IFrameworkMessage extends meseta.v1.AgentToMaster.FrameworkMessage.$Properties {
            }

            /** Represents a FrameworkMessage. */
            class FrameworkMessage {

                /**
                 * Constructs a new FrameworkMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.AgentToMaster.FrameworkMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** FrameworkMessage framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** FrameworkMessage executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** FrameworkMessage data. */
                data: Uint8Array;

                /**
                 * Creates a new FrameworkMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns FrameworkMessage instance
                 */
                static create(properties: meseta.v1.AgentToMaster.FrameworkMessage.$Shape): meseta.v1.AgentToMaster.FrameworkMessage & meseta.v1.AgentToMaster.FrameworkMessage.$Shape;
                static create(properties?: meseta.v1.AgentToMaster.FrameworkMessage.$Properties): meseta.v1.AgentToMaster.FrameworkMessage;

                /**
                 * Encodes the specified FrameworkMessage message. Does not implicitly {@link meseta.v1.AgentToMaster.FrameworkMessage.verify|verify} messages.
                 * @param message FrameworkMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.AgentToMaster.FrameworkMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FrameworkMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.AgentToMaster.FrameworkMessage & meseta.v1.AgentToMaster.FrameworkMessage.$Shape} FrameworkMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentToMaster.FrameworkMessage & meseta.v1.AgentToMaster.FrameworkMessage.$Shape;

                /**
                 * Creates a FrameworkMessage message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns FrameworkMessage
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.AgentToMaster.FrameworkMessage;

                /**
                 * Creates a plain object from a FrameworkMessage message. Also converts values to other types if specified.
                 * @param message FrameworkMessage
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.AgentToMaster.FrameworkMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this FrameworkMessage to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace FrameworkMessage {

                /** Properties of a FrameworkMessage. */
                interface $Properties {

                    /** FrameworkMessage framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** FrameworkMessage executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** FrameworkMessage data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a FrameworkMessage. */
                type $Shape = meseta.v1.AgentToMaster.FrameworkMessage.$Properties;
            }
        }

        /**
         * Properties of a MasterToAgent.
         * @deprecated Use meseta.v1.MasterToAgent.$Properties instead.
         */
        interface IMasterToAgent extends meseta.v1.MasterToAgent.$Properties {
        }

        /** Represents a MasterToAgent. */
        class MasterToAgent {

            /**
             * Constructs a new MasterToAgent.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.MasterToAgent.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MasterToAgent registered. */
            registered?: (meseta.v1.MasterToAgent.Registered.$Properties|null);

            /** MasterToAgent run. */
            run: meseta.v1.MasterToAgent.RunTask.$Properties[];

            /** MasterToAgent kill. */
            kill: meseta.v1.MasterToAgent.KillTask.$Properties[];

            /** MasterToAgent acknowledgements. */
            acknowledgements: meseta.v1.MasterToAgent.Acknowledge.$Properties[];

            /** MasterToAgent shutdown_frameworks. */
            shutdown_frameworks: meseta.v1.MasterToAgent.ShutdownFramework.$Properties[];

            /** MasterToAgent messages. */
            messages: meseta.v1.MasterToAgent.FrameworkMessage.$Properties[];

            /** MasterToAgent heartbeat. */
            heartbeat?: (meseta.v1.MasterToAgent.Heartbeat.$Properties|null);

            /** MasterToAgent error. */
            error?: (meseta.v1.MasterToAgent.Error.$Properties|null);

            /** MasterToAgent reconcile. */
            reconcile: meseta.v1.MasterToAgent.Reconcile.$Properties[];

            /**
             * Creates a new MasterToAgent instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MasterToAgent instance
             */
            static create(properties: meseta.v1.MasterToAgent.$Shape): meseta.v1.MasterToAgent & meseta.v1.MasterToAgent.$Shape;
            static create(properties?: meseta.v1.MasterToAgent.$Properties): meseta.v1.MasterToAgent;

            /**
             * Encodes the specified MasterToAgent message. Does not implicitly {@link meseta.v1.MasterToAgent.verify|verify} messages.
             * @param message MasterToAgent message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.MasterToAgent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MasterToAgent message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.MasterToAgent & meseta.v1.MasterToAgent.$Shape} MasterToAgent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent & meseta.v1.MasterToAgent.$Shape;

            /**
             * Creates a MasterToAgent message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns MasterToAgent
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent;

            /**
             * Creates a plain object from a MasterToAgent message. Also converts values to other types if specified.
             * @param message MasterToAgent
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.MasterToAgent, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MasterToAgent to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace MasterToAgent {

            /** Properties of a MasterToAgent. */
            interface $Properties {

                /** MasterToAgent registered */
                registered?: (meseta.v1.MasterToAgent.Registered.$Properties|null);

                /** MasterToAgent run */
                run?: (meseta.v1.MasterToAgent.RunTask.$Properties[]|null);

                /** MasterToAgent kill */
                kill?: (meseta.v1.MasterToAgent.KillTask.$Properties[]|null);

                /** MasterToAgent acknowledgements */
                acknowledgements?: (meseta.v1.MasterToAgent.Acknowledge.$Properties[]|null);

                /** MasterToAgent shutdown_frameworks */
                shutdown_frameworks?: (meseta.v1.MasterToAgent.ShutdownFramework.$Properties[]|null);

                /** MasterToAgent messages */
                messages?: (meseta.v1.MasterToAgent.FrameworkMessage.$Properties[]|null);

                /** MasterToAgent heartbeat */
                heartbeat?: (meseta.v1.MasterToAgent.Heartbeat.$Properties|null);

                /** MasterToAgent error */
                error?: (meseta.v1.MasterToAgent.Error.$Properties|null);

                /** MasterToAgent reconcile */
                reconcile?: (meseta.v1.MasterToAgent.Reconcile.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MasterToAgent. */
            type $Shape = meseta.v1.MasterToAgent.$Properties;

            /**
             * Properties of a Registered.
             * @deprecated Use meseta.v1.MasterToAgent.Registered.$Properties instead.
             */
            interface IRegistered extends meseta.v1.MasterToAgent.Registered.$Properties {
            }

            /** Represents a Registered. */
            class Registered {

                /**
                 * Constructs a new Registered.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.Registered.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Registered agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Registered heartbeat_interval_seconds. */
                heartbeat_interval_seconds: number;

                /** Registered master_info. */
                master_info?: (meseta.v1.MasterInfo.$Properties|null);

                /**
                 * Creates a new Registered instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Registered instance
                 */
                static create(properties: meseta.v1.MasterToAgent.Registered.$Shape): meseta.v1.MasterToAgent.Registered & meseta.v1.MasterToAgent.Registered.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.Registered.$Properties): meseta.v1.MasterToAgent.Registered;

                /**
                 * Encodes the specified Registered message. Does not implicitly {@link meseta.v1.MasterToAgent.Registered.verify|verify} messages.
                 * @param message Registered message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.Registered.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Registered message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.Registered & meseta.v1.MasterToAgent.Registered.$Shape} Registered
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.Registered & meseta.v1.MasterToAgent.Registered.$Shape;

                /**
                 * Creates a Registered message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Registered
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.Registered;

                /**
                 * Creates a plain object from a Registered message. Also converts values to other types if specified.
                 * @param message Registered
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.Registered, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Registered to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Registered {

                /** Properties of a Registered. */
                interface $Properties {

                    /** Registered agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Registered heartbeat_interval_seconds */
                    heartbeat_interval_seconds?: (number|null);

                    /** Registered master_info */
                    master_info?: (meseta.v1.MasterInfo.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Registered. */
                type $Shape = meseta.v1.MasterToAgent.Registered.$Properties;
            }

            /**
             * Properties of a RunTask.
             * @deprecated Use meseta.v1.MasterToAgent.RunTask.$Properties instead.
             */
            interface IRunTask extends meseta.v1.MasterToAgent.RunTask.$Properties {
            }

            /** Represents a RunTask. */
            class RunTask {

                /**
                 * Constructs a new RunTask.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.RunTask.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** RunTask framework. */
                framework?: (meseta.v1.FrameworkInfo.$Properties|null);

                /** RunTask task. */
                task?: (meseta.v1.TaskInfo.$Properties|null);

                /** RunTask executor. */
                executor?: (meseta.v1.ExecutorInfo.$Properties|null);

                /** RunTask task_group. */
                task_group?: (meseta.v1.TaskGroupInfo.$Properties|null);

                /**
                 * Creates a new RunTask instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns RunTask instance
                 */
                static create(properties: meseta.v1.MasterToAgent.RunTask.$Shape): meseta.v1.MasterToAgent.RunTask & meseta.v1.MasterToAgent.RunTask.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.RunTask.$Properties): meseta.v1.MasterToAgent.RunTask;

                /**
                 * Encodes the specified RunTask message. Does not implicitly {@link meseta.v1.MasterToAgent.RunTask.verify|verify} messages.
                 * @param message RunTask message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.RunTask.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a RunTask message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.RunTask & meseta.v1.MasterToAgent.RunTask.$Shape} RunTask
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.RunTask & meseta.v1.MasterToAgent.RunTask.$Shape;

                /**
                 * Creates a RunTask message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns RunTask
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.RunTask;

                /**
                 * Creates a plain object from a RunTask message. Also converts values to other types if specified.
                 * @param message RunTask
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.RunTask, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this RunTask to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace RunTask {

                /** Properties of a RunTask. */
                interface $Properties {

                    /** RunTask framework */
                    framework?: (meseta.v1.FrameworkInfo.$Properties|null);

                    /** RunTask task */
                    task?: (meseta.v1.TaskInfo.$Properties|null);

                    /** RunTask executor */
                    executor?: (meseta.v1.ExecutorInfo.$Properties|null);

                    /** RunTask task_group */
                    task_group?: (meseta.v1.TaskGroupInfo.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a RunTask. */
                type $Shape = meseta.v1.MasterToAgent.RunTask.$Properties;
            }

            /**
             * Properties of a KillTask.
             * @deprecated Use meseta.v1.MasterToAgent.KillTask.$Properties instead.
             */
            interface IKillTask extends meseta.v1.MasterToAgent.KillTask.$Properties {
            }

            /** Represents a KillTask. */
            class KillTask {

                /**
                 * Constructs a new KillTask.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.KillTask.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** KillTask framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** KillTask task_id. */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** KillTask kill_policy. */
                kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                /**
                 * Creates a new KillTask instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns KillTask instance
                 */
                static create(properties: meseta.v1.MasterToAgent.KillTask.$Shape): meseta.v1.MasterToAgent.KillTask & meseta.v1.MasterToAgent.KillTask.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.KillTask.$Properties): meseta.v1.MasterToAgent.KillTask;

                /**
                 * Encodes the specified KillTask message. Does not implicitly {@link meseta.v1.MasterToAgent.KillTask.verify|verify} messages.
                 * @param message KillTask message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.KillTask.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a KillTask message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.KillTask & meseta.v1.MasterToAgent.KillTask.$Shape} KillTask
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.KillTask & meseta.v1.MasterToAgent.KillTask.$Shape;

                /**
                 * Creates a KillTask message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns KillTask
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.KillTask;

                /**
                 * Creates a plain object from a KillTask message. Also converts values to other types if specified.
                 * @param message KillTask
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.KillTask, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this KillTask to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace KillTask {

                /** Properties of a KillTask. */
                interface $Properties {

                    /** KillTask framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** KillTask task_id */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** KillTask kill_policy */
                    kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a KillTask. */
                type $Shape = meseta.v1.MasterToAgent.KillTask.$Properties;
            }

            /**
             * Properties of an Acknowledge.
             * @deprecated Use meseta.v1.MasterToAgent.Acknowledge.$Properties instead.
             */
            interface IAcknowledge extends meseta.v1.MasterToAgent.Acknowledge.$Properties {
            }

            /** Represents an Acknowledge. */
            class Acknowledge {

                /**
                 * Constructs a new Acknowledge.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.Acknowledge.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Acknowledge framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Acknowledge task_id. */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** Acknowledge uuid. */
                uuid: Uint8Array;

                /**
                 * Creates a new Acknowledge instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Acknowledge instance
                 */
                static create(properties: meseta.v1.MasterToAgent.Acknowledge.$Shape): meseta.v1.MasterToAgent.Acknowledge & meseta.v1.MasterToAgent.Acknowledge.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.Acknowledge.$Properties): meseta.v1.MasterToAgent.Acknowledge;

                /**
                 * Encodes the specified Acknowledge message. Does not implicitly {@link meseta.v1.MasterToAgent.Acknowledge.verify|verify} messages.
                 * @param message Acknowledge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.Acknowledge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Acknowledge message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.Acknowledge & meseta.v1.MasterToAgent.Acknowledge.$Shape} Acknowledge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.Acknowledge & meseta.v1.MasterToAgent.Acknowledge.$Shape;

                /**
                 * Creates an Acknowledge message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Acknowledge
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.Acknowledge;

                /**
                 * Creates a plain object from an Acknowledge message. Also converts values to other types if specified.
                 * @param message Acknowledge
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.Acknowledge, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Acknowledge to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Acknowledge {

                /** Properties of an Acknowledge. */
                interface $Properties {

                    /** Acknowledge framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** Acknowledge task_id */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Acknowledge uuid */
                    uuid?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Acknowledge. */
                type $Shape = meseta.v1.MasterToAgent.Acknowledge.$Properties;
            }

            /**
             * Properties of a ShutdownFramework.
             * @deprecated Use meseta.v1.MasterToAgent.ShutdownFramework.$Properties instead.
             */
            interface IShutdownFramework extends meseta.v1.MasterToAgent.ShutdownFramework.$Properties {
            }

            /** Represents a ShutdownFramework. */
            class ShutdownFramework {

                /**
                 * Constructs a new ShutdownFramework.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.ShutdownFramework.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ShutdownFramework framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /**
                 * Creates a new ShutdownFramework instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ShutdownFramework instance
                 */
                static create(properties: meseta.v1.MasterToAgent.ShutdownFramework.$Shape): meseta.v1.MasterToAgent.ShutdownFramework & meseta.v1.MasterToAgent.ShutdownFramework.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.ShutdownFramework.$Properties): meseta.v1.MasterToAgent.ShutdownFramework;

                /**
                 * Encodes the specified ShutdownFramework message. Does not implicitly {@link meseta.v1.MasterToAgent.ShutdownFramework.verify|verify} messages.
                 * @param message ShutdownFramework message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.ShutdownFramework.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ShutdownFramework message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.ShutdownFramework & meseta.v1.MasterToAgent.ShutdownFramework.$Shape} ShutdownFramework
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.ShutdownFramework & meseta.v1.MasterToAgent.ShutdownFramework.$Shape;

                /**
                 * Creates a ShutdownFramework message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ShutdownFramework
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.ShutdownFramework;

                /**
                 * Creates a plain object from a ShutdownFramework message. Also converts values to other types if specified.
                 * @param message ShutdownFramework
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.ShutdownFramework, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ShutdownFramework to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace ShutdownFramework {

                /** Properties of a ShutdownFramework. */
                interface $Properties {

                    /** ShutdownFramework framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ShutdownFramework. */
                type $Shape = meseta.v1.MasterToAgent.ShutdownFramework.$Properties;
            }

            /**
             * Properties of a FrameworkMessage.
             * @deprecated Use meseta.v1.MasterToAgent.FrameworkMessage.$Properties instead.
             */
            interface IFrameworkMessage extends meseta.v1.MasterToAgent.FrameworkMessage.$Properties {
            }

            /** Represents a FrameworkMessage. */
            class FrameworkMessage {

                /**
                 * Constructs a new FrameworkMessage.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.FrameworkMessage.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** FrameworkMessage framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** FrameworkMessage executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** FrameworkMessage data. */
                data: Uint8Array;

                /**
                 * Creates a new FrameworkMessage instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns FrameworkMessage instance
                 */
                static create(properties: meseta.v1.MasterToAgent.FrameworkMessage.$Shape): meseta.v1.MasterToAgent.FrameworkMessage & meseta.v1.MasterToAgent.FrameworkMessage.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.FrameworkMessage.$Properties): meseta.v1.MasterToAgent.FrameworkMessage;

                /**
                 * Encodes the specified FrameworkMessage message. Does not implicitly {@link meseta.v1.MasterToAgent.FrameworkMessage.verify|verify} messages.
                 * @param message FrameworkMessage message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.FrameworkMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a FrameworkMessage message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.FrameworkMessage & meseta.v1.MasterToAgent.FrameworkMessage.$Shape} FrameworkMessage
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.FrameworkMessage & meseta.v1.MasterToAgent.FrameworkMessage.$Shape;

                /**
                 * Creates a FrameworkMessage message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns FrameworkMessage
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.FrameworkMessage;

                /**
                 * Creates a plain object from a FrameworkMessage message. Also converts values to other types if specified.
                 * @param message FrameworkMessage
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.FrameworkMessage, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this FrameworkMessage to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace FrameworkMessage {

                /** Properties of a FrameworkMessage. */
                interface $Properties {

                    /** FrameworkMessage framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** FrameworkMessage executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** FrameworkMessage data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a FrameworkMessage. */
                type $Shape = meseta.v1.MasterToAgent.FrameworkMessage.$Properties;
            }

            /**
             * Properties of a Heartbeat.
             * @deprecated Use meseta.v1.MasterToAgent.Heartbeat.$Properties instead.
             */
            interface IHeartbeat extends meseta.v1.MasterToAgent.Heartbeat.$Properties {
            }

            /** Represents a Heartbeat. */
            class Heartbeat {

                /**
                 * Constructs a new Heartbeat.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.Heartbeat.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Heartbeat timestamp. */
                timestamp: number;

                /**
                 * Creates a new Heartbeat instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Heartbeat instance
                 */
                static create(properties: meseta.v1.MasterToAgent.Heartbeat.$Shape): meseta.v1.MasterToAgent.Heartbeat & meseta.v1.MasterToAgent.Heartbeat.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.Heartbeat.$Properties): meseta.v1.MasterToAgent.Heartbeat;

                /**
                 * Encodes the specified Heartbeat message. Does not implicitly {@link meseta.v1.MasterToAgent.Heartbeat.verify|verify} messages.
                 * @param message Heartbeat message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Heartbeat message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.Heartbeat & meseta.v1.MasterToAgent.Heartbeat.$Shape} Heartbeat
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.Heartbeat & meseta.v1.MasterToAgent.Heartbeat.$Shape;

                /**
                 * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Heartbeat
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.Heartbeat;

                /**
                 * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                 * @param message Heartbeat
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Heartbeat to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Heartbeat {

                /** Properties of a Heartbeat. */
                interface $Properties {

                    /** Heartbeat timestamp */
                    timestamp?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Heartbeat. */
                type $Shape = meseta.v1.MasterToAgent.Heartbeat.$Properties;
            }

            /**
             * Properties of an Error.
             * @deprecated Use meseta.v1.MasterToAgent.Error.$Properties instead.
             */
            interface IError extends meseta.v1.MasterToAgent.Error.$Properties {
            }

            /** Represents an Error. */
            class Error {

                /**
                 * Constructs a new Error.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.Error.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Error message. */
                message: string;

                /** Error shutdown. */
                shutdown: boolean;

                /**
                 * Creates a new Error instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Error instance
                 */
                static create(properties: meseta.v1.MasterToAgent.Error.$Shape): meseta.v1.MasterToAgent.Error & meseta.v1.MasterToAgent.Error.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.Error.$Properties): meseta.v1.MasterToAgent.Error;

                /**
                 * Encodes the specified Error message. Does not implicitly {@link meseta.v1.MasterToAgent.Error.verify|verify} messages.
                 * @param message Error message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.Error & meseta.v1.MasterToAgent.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.Error & meseta.v1.MasterToAgent.Error.$Shape;

                /**
                 * Creates an Error message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Error
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.Error;

                /**
                 * Creates a plain object from an Error message. Also converts values to other types if specified.
                 * @param message Error
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Error to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Error {

                /** Properties of an Error. */
                interface $Properties {

                    /** Error message */
                    message?: (string|null);

                    /** Error shutdown */
                    shutdown?: (boolean|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Error. */
                type $Shape = meseta.v1.MasterToAgent.Error.$Properties;
            }

            /**
             * Properties of a Reconcile.
             * @deprecated Use meseta.v1.MasterToAgent.Reconcile.$Properties instead.
             */
            interface IReconcile extends meseta.v1.MasterToAgent.Reconcile.$Properties {
            }

            /** Represents a Reconcile. */
            class Reconcile {

                /**
                 * Constructs a new Reconcile.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MasterToAgent.Reconcile.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Reconcile task_ids. */
                task_ids: meseta.v1.TaskID.$Properties[];

                /** Reconcile framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /**
                 * Creates a new Reconcile instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Reconcile instance
                 */
                static create(properties: meseta.v1.MasterToAgent.Reconcile.$Shape): meseta.v1.MasterToAgent.Reconcile & meseta.v1.MasterToAgent.Reconcile.$Shape;
                static create(properties?: meseta.v1.MasterToAgent.Reconcile.$Properties): meseta.v1.MasterToAgent.Reconcile;

                /**
                 * Encodes the specified Reconcile message. Does not implicitly {@link meseta.v1.MasterToAgent.Reconcile.verify|verify} messages.
                 * @param message Reconcile message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MasterToAgent.Reconcile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Reconcile message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MasterToAgent.Reconcile & meseta.v1.MasterToAgent.Reconcile.$Shape} Reconcile
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterToAgent.Reconcile & meseta.v1.MasterToAgent.Reconcile.$Shape;

                /**
                 * Creates a Reconcile message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Reconcile
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MasterToAgent.Reconcile;

                /**
                 * Creates a plain object from a Reconcile message. Also converts values to other types if specified.
                 * @param message Reconcile
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MasterToAgent.Reconcile, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Reconcile to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Reconcile {

                /** Properties of a Reconcile. */
                interface $Properties {

                    /** Reconcile task_ids */
                    task_ids?: (meseta.v1.TaskID.$Properties[]|null);

                    /** Reconcile framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Reconcile. */
                type $Shape = meseta.v1.MasterToAgent.Reconcile.$Properties;
            }
        }

        /** Represents an AgentLink */
        class AgentLink extends $protobuf.rpc.Service {

            /**
             * Constructs a new AgentLink service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new AgentLink service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): AgentLink;

            /** Calls Connect. */
            connect: meseta.v1.AgentLink.Connect;
        }

        namespace AgentLink {

            /**
             * Callback as used by {@link meseta.v1.AgentLink#connect}.
             * @param error Error, if any
             * @param [response] MasterToAgent
             */
            type ConnectCallback = (error: (Error|null), response?: meseta.v1.MasterToAgent) => void;

            /** Calls Connect. */
            type Connect = {
              (request: meseta.v1.IAgentToMaster, callback: meseta.v1.AgentLink.ConnectCallback): void;
              (request: meseta.v1.IAgentToMaster): Promise<meseta.v1.MasterToAgent>;
              readonly name: "Connect";
              readonly path: "/meseta.v1.AgentLink/Connect";
              readonly requestType: "AgentToMaster";
              readonly responseType: "MasterToAgent";
              readonly requestStream: true;
              readonly responseStream: true;
            };
        }

        /**
         * Properties of a FrameworkID.
         * @deprecated Use meseta.v1.FrameworkID.$Properties instead.
         */
        interface IFrameworkID extends meseta.v1.FrameworkID.$Properties {
        }

        /** Represents a FrameworkID. */
        class FrameworkID {

            /**
             * Constructs a new FrameworkID.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.FrameworkID.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FrameworkID value. */
            value: string;

            /**
             * Creates a new FrameworkID instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FrameworkID instance
             */
            static create(properties: meseta.v1.FrameworkID.$Shape): meseta.v1.FrameworkID & meseta.v1.FrameworkID.$Shape;
            static create(properties?: meseta.v1.FrameworkID.$Properties): meseta.v1.FrameworkID;

            /**
             * Encodes the specified FrameworkID message. Does not implicitly {@link meseta.v1.FrameworkID.verify|verify} messages.
             * @param message FrameworkID message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.FrameworkID.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FrameworkID message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.FrameworkID & meseta.v1.FrameworkID.$Shape} FrameworkID
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.FrameworkID & meseta.v1.FrameworkID.$Shape;

            /**
             * Creates a FrameworkID message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FrameworkID
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.FrameworkID;

            /**
             * Creates a plain object from a FrameworkID message. Also converts values to other types if specified.
             * @param message FrameworkID
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.FrameworkID, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FrameworkID to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace FrameworkID {

            /** Properties of a FrameworkID. */
            interface $Properties {

                /** FrameworkID value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FrameworkID. */
            type $Shape = meseta.v1.FrameworkID.$Properties;
        }

        /**
         * Properties of an OfferID.
         * @deprecated Use meseta.v1.OfferID.$Properties instead.
         */
        interface IOfferID extends meseta.v1.OfferID.$Properties {
        }

        /** Represents an OfferID. */
        class OfferID {

            /**
             * Constructs a new OfferID.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.OfferID.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OfferID value. */
            value: string;

            /**
             * Creates a new OfferID instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OfferID instance
             */
            static create(properties: meseta.v1.OfferID.$Shape): meseta.v1.OfferID & meseta.v1.OfferID.$Shape;
            static create(properties?: meseta.v1.OfferID.$Properties): meseta.v1.OfferID;

            /**
             * Encodes the specified OfferID message. Does not implicitly {@link meseta.v1.OfferID.verify|verify} messages.
             * @param message OfferID message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.OfferID.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OfferID message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.OfferID & meseta.v1.OfferID.$Shape} OfferID
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.OfferID & meseta.v1.OfferID.$Shape;

            /**
             * Creates an OfferID message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OfferID
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.OfferID;

            /**
             * Creates a plain object from an OfferID message. Also converts values to other types if specified.
             * @param message OfferID
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.OfferID, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OfferID to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace OfferID {

            /** Properties of an OfferID. */
            interface $Properties {

                /** OfferID value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OfferID. */
            type $Shape = meseta.v1.OfferID.$Properties;
        }

        /**
         * Properties of an AgentID.
         * @deprecated Use meseta.v1.AgentID.$Properties instead.
         */
        interface IAgentID extends meseta.v1.AgentID.$Properties {
        }

        /** Represents an AgentID. */
        class AgentID {

            /**
             * Constructs a new AgentID.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.AgentID.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AgentID value. */
            value: string;

            /**
             * Creates a new AgentID instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AgentID instance
             */
            static create(properties: meseta.v1.AgentID.$Shape): meseta.v1.AgentID & meseta.v1.AgentID.$Shape;
            static create(properties?: meseta.v1.AgentID.$Properties): meseta.v1.AgentID;

            /**
             * Encodes the specified AgentID message. Does not implicitly {@link meseta.v1.AgentID.verify|verify} messages.
             * @param message AgentID message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.AgentID.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AgentID message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.AgentID & meseta.v1.AgentID.$Shape} AgentID
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentID & meseta.v1.AgentID.$Shape;

            /**
             * Creates an AgentID message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AgentID
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.AgentID;

            /**
             * Creates a plain object from an AgentID message. Also converts values to other types if specified.
             * @param message AgentID
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.AgentID, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AgentID to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AgentID {

            /** Properties of an AgentID. */
            interface $Properties {

                /** AgentID value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AgentID. */
            type $Shape = meseta.v1.AgentID.$Properties;
        }

        /**
         * Properties of a TaskID.
         * @deprecated Use meseta.v1.TaskID.$Properties instead.
         */
        interface ITaskID extends meseta.v1.TaskID.$Properties {
        }

        /** Represents a TaskID. */
        class TaskID {

            /**
             * Constructs a new TaskID.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TaskID.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskID value. */
            value: string;

            /**
             * Creates a new TaskID instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskID instance
             */
            static create(properties: meseta.v1.TaskID.$Shape): meseta.v1.TaskID & meseta.v1.TaskID.$Shape;
            static create(properties?: meseta.v1.TaskID.$Properties): meseta.v1.TaskID;

            /**
             * Encodes the specified TaskID message. Does not implicitly {@link meseta.v1.TaskID.verify|verify} messages.
             * @param message TaskID message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TaskID.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskID message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TaskID & meseta.v1.TaskID.$Shape} TaskID
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TaskID & meseta.v1.TaskID.$Shape;

            /**
             * Creates a TaskID message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskID
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TaskID;

            /**
             * Creates a plain object from a TaskID message. Also converts values to other types if specified.
             * @param message TaskID
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TaskID, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskID to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskID {

            /** Properties of a TaskID. */
            interface $Properties {

                /** TaskID value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskID. */
            type $Shape = meseta.v1.TaskID.$Properties;
        }

        /**
         * Properties of an ExecutorID.
         * @deprecated Use meseta.v1.ExecutorID.$Properties instead.
         */
        interface IExecutorID extends meseta.v1.ExecutorID.$Properties {
        }

        /** Represents an ExecutorID. */
        class ExecutorID {

            /**
             * Constructs a new ExecutorID.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ExecutorID.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ExecutorID value. */
            value: string;

            /**
             * Creates a new ExecutorID instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecutorID instance
             */
            static create(properties: meseta.v1.ExecutorID.$Shape): meseta.v1.ExecutorID & meseta.v1.ExecutorID.$Shape;
            static create(properties?: meseta.v1.ExecutorID.$Properties): meseta.v1.ExecutorID;

            /**
             * Encodes the specified ExecutorID message. Does not implicitly {@link meseta.v1.ExecutorID.verify|verify} messages.
             * @param message ExecutorID message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ExecutorID.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecutorID message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ExecutorID & meseta.v1.ExecutorID.$Shape} ExecutorID
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecutorID & meseta.v1.ExecutorID.$Shape;

            /**
             * Creates an ExecutorID message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ExecutorID
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ExecutorID;

            /**
             * Creates a plain object from an ExecutorID message. Also converts values to other types if specified.
             * @param message ExecutorID
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ExecutorID, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ExecutorID to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ExecutorID {

            /** Properties of an ExecutorID. */
            interface $Properties {

                /** ExecutorID value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ExecutorID. */
            type $Shape = meseta.v1.ExecutorID.$Properties;
        }

        /**
         * Properties of a ContainerID.
         * @deprecated Use meseta.v1.ContainerID.$Properties instead.
         */
        interface IContainerID extends meseta.v1.ContainerID.$Properties {
        }

        /** Represents a ContainerID. */
        class ContainerID {

            /**
             * Constructs a new ContainerID.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ContainerID.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ContainerID value. */
            value: string;

            /** ContainerID parent. */
            parent?: (meseta.v1.ContainerID.$Properties|null);

            /**
             * Creates a new ContainerID instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerID instance
             */
            static create(properties: meseta.v1.ContainerID.$Shape): meseta.v1.ContainerID & meseta.v1.ContainerID.$Shape;
            static create(properties?: meseta.v1.ContainerID.$Properties): meseta.v1.ContainerID;

            /**
             * Encodes the specified ContainerID message. Does not implicitly {@link meseta.v1.ContainerID.verify|verify} messages.
             * @param message ContainerID message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ContainerID.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerID message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ContainerID & meseta.v1.ContainerID.$Shape} ContainerID
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ContainerID & meseta.v1.ContainerID.$Shape;

            /**
             * Creates a ContainerID message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ContainerID
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ContainerID;

            /**
             * Creates a plain object from a ContainerID message. Also converts values to other types if specified.
             * @param message ContainerID
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ContainerID, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ContainerID to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ContainerID {

            /** Properties of a ContainerID. */
            interface $Properties {

                /** ContainerID value */
                value?: (string|null);

                /** ContainerID parent */
                parent?: (meseta.v1.ContainerID.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ContainerID. */
            type $Shape = meseta.v1.ContainerID.$Properties;
        }

        /**
         * Properties of a DurationInfo.
         * @deprecated Use meseta.v1.DurationInfo.$Properties instead.
         */
        interface IDurationInfo extends meseta.v1.DurationInfo.$Properties {
        }

        /** Represents a DurationInfo. */
        class DurationInfo {

            /**
             * Constructs a new DurationInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.DurationInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DurationInfo nanoseconds. */
            nanoseconds: number;

            /**
             * Creates a new DurationInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DurationInfo instance
             */
            static create(properties: meseta.v1.DurationInfo.$Shape): meseta.v1.DurationInfo & meseta.v1.DurationInfo.$Shape;
            static create(properties?: meseta.v1.DurationInfo.$Properties): meseta.v1.DurationInfo;

            /**
             * Encodes the specified DurationInfo message. Does not implicitly {@link meseta.v1.DurationInfo.verify|verify} messages.
             * @param message DurationInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.DurationInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DurationInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.DurationInfo & meseta.v1.DurationInfo.$Shape} DurationInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.DurationInfo & meseta.v1.DurationInfo.$Shape;

            /**
             * Creates a DurationInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DurationInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.DurationInfo;

            /**
             * Creates a plain object from a DurationInfo message. Also converts values to other types if specified.
             * @param message DurationInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.DurationInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DurationInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace DurationInfo {

            /** Properties of a DurationInfo. */
            interface $Properties {

                /** DurationInfo nanoseconds */
                nanoseconds?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DurationInfo. */
            type $Shape = meseta.v1.DurationInfo.$Properties;
        }

        /**
         * Properties of a Value.
         * @deprecated Use meseta.v1.Value.$Properties instead.
         */
        interface IValue extends meseta.v1.Value.$Properties {
        }

        /** Represents a Value. */
        class Value {

            /**
             * Constructs a new Value.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Value.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Value type. */
            type: meseta.v1.Value.Type;

            /** Value scalar. */
            scalar?: (meseta.v1.Value.Scalar.$Properties|null);

            /** Value ranges. */
            ranges?: (meseta.v1.Value.Ranges.$Properties|null);

            /** Value set. */
            set?: (meseta.v1.Value.Set.$Properties|null);

            /** Value text. */
            text?: (meseta.v1.Value.Text.$Properties|null);

            /**
             * Creates a new Value instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Value instance
             */
            static create(properties: meseta.v1.Value.$Shape): meseta.v1.Value & meseta.v1.Value.$Shape;
            static create(properties?: meseta.v1.Value.$Properties): meseta.v1.Value;

            /**
             * Encodes the specified Value message. Does not implicitly {@link meseta.v1.Value.verify|verify} messages.
             * @param message Value message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Value.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Value message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Value & meseta.v1.Value.$Shape} Value
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Value & meseta.v1.Value.$Shape;

            /**
             * Creates a Value message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Value
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Value;

            /**
             * Creates a plain object from a Value message. Also converts values to other types if specified.
             * @param message Value
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Value, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Value to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Value {

            /** Properties of a Value. */
            interface $Properties {

                /** Value type */
                type?: (meseta.v1.Value.Type|null);

                /** Value scalar */
                scalar?: (meseta.v1.Value.Scalar.$Properties|null);

                /** Value ranges */
                ranges?: (meseta.v1.Value.Ranges.$Properties|null);

                /** Value set */
                set?: (meseta.v1.Value.Set.$Properties|null);

                /** Value text */
                text?: (meseta.v1.Value.Text.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Value. */
            type $Shape = meseta.v1.Value.$Properties;

            /** Type enum. */
            enum Type {

                /** SCALAR value */
                SCALAR = 0,

                /** RANGES value */
                RANGES = 1,

                /** SET value */
                SET = 2,

                /** TEXT value */
                TEXT = 3
            }

            /**
             * Properties of a Scalar.
             * @deprecated Use meseta.v1.Value.Scalar.$Properties instead.
             */
            interface IScalar extends meseta.v1.Value.Scalar.$Properties {
            }

            /** Represents a Scalar. */
            class Scalar {

                /**
                 * Constructs a new Scalar.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Value.Scalar.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Scalar value. */
                value: number;

                /**
                 * Creates a new Scalar instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Scalar instance
                 */
                static create(properties: meseta.v1.Value.Scalar.$Shape): meseta.v1.Value.Scalar & meseta.v1.Value.Scalar.$Shape;
                static create(properties?: meseta.v1.Value.Scalar.$Properties): meseta.v1.Value.Scalar;

                /**
                 * Encodes the specified Scalar message. Does not implicitly {@link meseta.v1.Value.Scalar.verify|verify} messages.
                 * @param message Scalar message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Value.Scalar.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Scalar message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Value.Scalar & meseta.v1.Value.Scalar.$Shape} Scalar
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Value.Scalar & meseta.v1.Value.Scalar.$Shape;

                /**
                 * Creates a Scalar message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Scalar
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Value.Scalar;

                /**
                 * Creates a plain object from a Scalar message. Also converts values to other types if specified.
                 * @param message Scalar
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Value.Scalar, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Scalar to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Scalar {

                /** Properties of a Scalar. */
                interface $Properties {

                    /** Scalar value */
                    value?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Scalar. */
                type $Shape = meseta.v1.Value.Scalar.$Properties;
            }

            /**
             * Properties of a Range.
             * @deprecated Use meseta.v1.Value.Range.$Properties instead.
             */
            interface IRange extends meseta.v1.Value.Range.$Properties {
            }

            /** Represents a Range. */
            class Range {

                /**
                 * Constructs a new Range.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Value.Range.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Range begin. */
                begin: number;

                /** Range end. */
                end: number;

                /**
                 * Creates a new Range instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Range instance
                 */
                static create(properties: meseta.v1.Value.Range.$Shape): meseta.v1.Value.Range & meseta.v1.Value.Range.$Shape;
                static create(properties?: meseta.v1.Value.Range.$Properties): meseta.v1.Value.Range;

                /**
                 * Encodes the specified Range message. Does not implicitly {@link meseta.v1.Value.Range.verify|verify} messages.
                 * @param message Range message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Value.Range.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Range message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Value.Range & meseta.v1.Value.Range.$Shape} Range
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Value.Range & meseta.v1.Value.Range.$Shape;

                /**
                 * Creates a Range message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Range
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Value.Range;

                /**
                 * Creates a plain object from a Range message. Also converts values to other types if specified.
                 * @param message Range
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Value.Range, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Range to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Range {

                /** Properties of a Range. */
                interface $Properties {

                    /** Range begin */
                    begin?: (number|null);

                    /** Range end */
                    end?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Range. */
                type $Shape = meseta.v1.Value.Range.$Properties;
            }

            /**
             * Properties of a Ranges.
             * @deprecated Use meseta.v1.Value.Ranges.$Properties instead.
             */
            interface IRanges extends meseta.v1.Value.Ranges.$Properties {
            }

            /** Represents a Ranges. */
            class Ranges {

                /**
                 * Constructs a new Ranges.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Value.Ranges.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Ranges range. */
                range: meseta.v1.Value.Range.$Properties[];

                /**
                 * Creates a new Ranges instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Ranges instance
                 */
                static create(properties: meseta.v1.Value.Ranges.$Shape): meseta.v1.Value.Ranges & meseta.v1.Value.Ranges.$Shape;
                static create(properties?: meseta.v1.Value.Ranges.$Properties): meseta.v1.Value.Ranges;

                /**
                 * Encodes the specified Ranges message. Does not implicitly {@link meseta.v1.Value.Ranges.verify|verify} messages.
                 * @param message Ranges message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Value.Ranges.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Ranges message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Value.Ranges & meseta.v1.Value.Ranges.$Shape} Ranges
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Value.Ranges & meseta.v1.Value.Ranges.$Shape;

                /**
                 * Creates a Ranges message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Ranges
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Value.Ranges;

                /**
                 * Creates a plain object from a Ranges message. Also converts values to other types if specified.
                 * @param message Ranges
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Value.Ranges, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Ranges to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Ranges {

                /** Properties of a Ranges. */
                interface $Properties {

                    /** Ranges range */
                    range?: (meseta.v1.Value.Range.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Ranges. */
                type $Shape = meseta.v1.Value.Ranges.$Properties;
            }

            /**
             * Properties of a Set.
             * @deprecated Use meseta.v1.Value.Set.$Properties instead.
             */
            interface ISet extends meseta.v1.Value.Set.$Properties {
            }

            /** Represents a Set. */
            class Set {

                /**
                 * Constructs a new Set.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Value.Set.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Set item. */
                item: string[];

                /**
                 * Creates a new Set instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Set instance
                 */
                static create(properties: meseta.v1.Value.Set.$Shape): meseta.v1.Value.Set & meseta.v1.Value.Set.$Shape;
                static create(properties?: meseta.v1.Value.Set.$Properties): meseta.v1.Value.Set;

                /**
                 * Encodes the specified Set message. Does not implicitly {@link meseta.v1.Value.Set.verify|verify} messages.
                 * @param message Set message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Value.Set.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Set message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Value.Set & meseta.v1.Value.Set.$Shape} Set
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Value.Set & meseta.v1.Value.Set.$Shape;

                /**
                 * Creates a Set message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Set
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Value.Set;

                /**
                 * Creates a plain object from a Set message. Also converts values to other types if specified.
                 * @param message Set
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Value.Set, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Set to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Set {

                /** Properties of a Set. */
                interface $Properties {

                    /** Set item */
                    item?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Set. */
                type $Shape = meseta.v1.Value.Set.$Properties;
            }

            /**
             * Properties of a Text.
             * @deprecated Use meseta.v1.Value.Text.$Properties instead.
             */
            interface IText extends meseta.v1.Value.Text.$Properties {
            }

            /** Represents a Text. */
            class Text {

                /**
                 * Constructs a new Text.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Value.Text.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Text value. */
                value: string;

                /**
                 * Creates a new Text instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Text instance
                 */
                static create(properties: meseta.v1.Value.Text.$Shape): meseta.v1.Value.Text & meseta.v1.Value.Text.$Shape;
                static create(properties?: meseta.v1.Value.Text.$Properties): meseta.v1.Value.Text;

                /**
                 * Encodes the specified Text message. Does not implicitly {@link meseta.v1.Value.Text.verify|verify} messages.
                 * @param message Text message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Value.Text.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Text message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Value.Text & meseta.v1.Value.Text.$Shape} Text
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Value.Text & meseta.v1.Value.Text.$Shape;

                /**
                 * Creates a Text message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Text
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Value.Text;

                /**
                 * Creates a plain object from a Text message. Also converts values to other types if specified.
                 * @param message Text
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Value.Text, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Text to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Text {

                /** Properties of a Text. */
                interface $Properties {

                    /** Text value */
                    value?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Text. */
                type $Shape = meseta.v1.Value.Text.$Properties;
            }
        }

        /**
         * Properties of a Label.
         * @deprecated Use meseta.v1.Label.$Properties instead.
         */
        interface ILabel extends meseta.v1.Label.$Properties {
        }

        /** Represents a Label. */
        class Label {

            /**
             * Constructs a new Label.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Label.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Label key. */
            key: string;

            /** Label value. */
            value: string;

            /**
             * Creates a new Label instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Label instance
             */
            static create(properties: meseta.v1.Label.$Shape): meseta.v1.Label & meseta.v1.Label.$Shape;
            static create(properties?: meseta.v1.Label.$Properties): meseta.v1.Label;

            /**
             * Encodes the specified Label message. Does not implicitly {@link meseta.v1.Label.verify|verify} messages.
             * @param message Label message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Label.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Label message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Label & meseta.v1.Label.$Shape} Label
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Label & meseta.v1.Label.$Shape;

            /**
             * Creates a Label message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Label
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Label;

            /**
             * Creates a plain object from a Label message. Also converts values to other types if specified.
             * @param message Label
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Label, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Label to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Label {

            /** Properties of a Label. */
            interface $Properties {

                /** Label key */
                key?: (string|null);

                /** Label value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Label. */
            type $Shape = meseta.v1.Label.$Properties;
        }

        /**
         * Properties of a Labels.
         * @deprecated Use meseta.v1.Labels.$Properties instead.
         */
        interface ILabels extends meseta.v1.Labels.$Properties {
        }

        /** Represents a Labels. */
        class Labels {

            /**
             * Constructs a new Labels.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Labels.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Labels labels. */
            labels: meseta.v1.Label.$Properties[];

            /**
             * Creates a new Labels instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Labels instance
             */
            static create(properties: meseta.v1.Labels.$Shape): meseta.v1.Labels & meseta.v1.Labels.$Shape;
            static create(properties?: meseta.v1.Labels.$Properties): meseta.v1.Labels;

            /**
             * Encodes the specified Labels message. Does not implicitly {@link meseta.v1.Labels.verify|verify} messages.
             * @param message Labels message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Labels.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Labels message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Labels & meseta.v1.Labels.$Shape} Labels
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Labels & meseta.v1.Labels.$Shape;

            /**
             * Creates a Labels message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Labels
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Labels;

            /**
             * Creates a plain object from a Labels message. Also converts values to other types if specified.
             * @param message Labels
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Labels, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Labels to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Labels {

            /** Properties of a Labels. */
            interface $Properties {

                /** Labels labels */
                labels?: (meseta.v1.Label.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Labels. */
            type $Shape = meseta.v1.Labels.$Properties;
        }

        /**
         * Properties of a Resource.
         * @deprecated Use meseta.v1.Resource.$Properties instead.
         */
        interface IResource extends meseta.v1.Resource.$Properties {
        }

        /** Represents a Resource. */
        class Resource {

            /**
             * Constructs a new Resource.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Resource.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Resource name. */
            name: string;

            /** Resource type. */
            type: meseta.v1.Value.Type;

            /** Resource scalar. */
            scalar?: (meseta.v1.Value.Scalar.$Properties|null);

            /** Resource ranges. */
            ranges?: (meseta.v1.Value.Ranges.$Properties|null);

            /** Resource set. */
            set?: (meseta.v1.Value.Set.$Properties|null);

            /** Resource reservations. */
            reservations: meseta.v1.Resource.ReservationInfo.$Properties[];

            /** Resource allocation_role. */
            allocation_role: string;

            /**
             * Creates a new Resource instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Resource instance
             */
            static create(properties: meseta.v1.Resource.$Shape): meseta.v1.Resource & meseta.v1.Resource.$Shape;
            static create(properties?: meseta.v1.Resource.$Properties): meseta.v1.Resource;

            /**
             * Encodes the specified Resource message. Does not implicitly {@link meseta.v1.Resource.verify|verify} messages.
             * @param message Resource message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Resource.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Resource message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Resource & meseta.v1.Resource.$Shape} Resource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Resource & meseta.v1.Resource.$Shape;

            /**
             * Creates a Resource message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Resource
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Resource;

            /**
             * Creates a plain object from a Resource message. Also converts values to other types if specified.
             * @param message Resource
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Resource, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Resource to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Resource {

            /** Properties of a Resource. */
            interface $Properties {

                /** Resource name */
                name?: (string|null);

                /** Resource type */
                type?: (meseta.v1.Value.Type|null);

                /** Resource scalar */
                scalar?: (meseta.v1.Value.Scalar.$Properties|null);

                /** Resource ranges */
                ranges?: (meseta.v1.Value.Ranges.$Properties|null);

                /** Resource set */
                set?: (meseta.v1.Value.Set.$Properties|null);

                /** Resource reservations */
                reservations?: (meseta.v1.Resource.ReservationInfo.$Properties[]|null);

                /** Resource allocation_role */
                allocation_role?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Resource. */
            type $Shape = meseta.v1.Resource.$Properties;

            /**
             * Properties of a ReservationInfo.
             * @deprecated Use meseta.v1.Resource.ReservationInfo.$Properties instead.
             */
            interface IReservationInfo extends meseta.v1.Resource.ReservationInfo.$Properties {
            }

            /** Represents a ReservationInfo. */
            class ReservationInfo {

                /**
                 * Constructs a new ReservationInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Resource.ReservationInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ReservationInfo type. */
                type: meseta.v1.Resource.ReservationInfo.Type;

                /** ReservationInfo role. */
                role: string;

                /** ReservationInfo principal. */
                principal: string;

                /** ReservationInfo labels. */
                labels?: (meseta.v1.Labels.$Properties|null);

                /**
                 * Creates a new ReservationInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ReservationInfo instance
                 */
                static create(properties: meseta.v1.Resource.ReservationInfo.$Shape): meseta.v1.Resource.ReservationInfo & meseta.v1.Resource.ReservationInfo.$Shape;
                static create(properties?: meseta.v1.Resource.ReservationInfo.$Properties): meseta.v1.Resource.ReservationInfo;

                /**
                 * Encodes the specified ReservationInfo message. Does not implicitly {@link meseta.v1.Resource.ReservationInfo.verify|verify} messages.
                 * @param message ReservationInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Resource.ReservationInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ReservationInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Resource.ReservationInfo & meseta.v1.Resource.ReservationInfo.$Shape} ReservationInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Resource.ReservationInfo & meseta.v1.Resource.ReservationInfo.$Shape;

                /**
                 * Creates a ReservationInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ReservationInfo
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Resource.ReservationInfo;

                /**
                 * Creates a plain object from a ReservationInfo message. Also converts values to other types if specified.
                 * @param message ReservationInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Resource.ReservationInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ReservationInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace ReservationInfo {

                /** Properties of a ReservationInfo. */
                interface $Properties {

                    /** ReservationInfo type */
                    type?: (meseta.v1.Resource.ReservationInfo.Type|null);

                    /** ReservationInfo role */
                    role?: (string|null);

                    /** ReservationInfo principal */
                    principal?: (string|null);

                    /** ReservationInfo labels */
                    labels?: (meseta.v1.Labels.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ReservationInfo. */
                type $Shape = meseta.v1.Resource.ReservationInfo.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** STATIC value */
                    STATIC = 1,

                    /** DYNAMIC value */
                    DYNAMIC = 2
                }
            }
        }

        /**
         * Properties of an Attribute.
         * @deprecated Use meseta.v1.Attribute.$Properties instead.
         */
        interface IAttribute extends meseta.v1.Attribute.$Properties {
        }

        /** Represents an Attribute. */
        class Attribute {

            /**
             * Constructs a new Attribute.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Attribute.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Attribute name. */
            name: string;

            /** Attribute type. */
            type: meseta.v1.Value.Type;

            /** Attribute scalar. */
            scalar?: (meseta.v1.Value.Scalar.$Properties|null);

            /** Attribute ranges. */
            ranges?: (meseta.v1.Value.Ranges.$Properties|null);

            /** Attribute set. */
            set?: (meseta.v1.Value.Set.$Properties|null);

            /** Attribute text. */
            text?: (meseta.v1.Value.Text.$Properties|null);

            /**
             * Creates a new Attribute instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Attribute instance
             */
            static create(properties: meseta.v1.Attribute.$Shape): meseta.v1.Attribute & meseta.v1.Attribute.$Shape;
            static create(properties?: meseta.v1.Attribute.$Properties): meseta.v1.Attribute;

            /**
             * Encodes the specified Attribute message. Does not implicitly {@link meseta.v1.Attribute.verify|verify} messages.
             * @param message Attribute message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Attribute.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Attribute message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Attribute & meseta.v1.Attribute.$Shape} Attribute
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Attribute & meseta.v1.Attribute.$Shape;

            /**
             * Creates an Attribute message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Attribute
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Attribute;

            /**
             * Creates a plain object from an Attribute message. Also converts values to other types if specified.
             * @param message Attribute
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Attribute, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Attribute to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Attribute {

            /** Properties of an Attribute. */
            interface $Properties {

                /** Attribute name */
                name?: (string|null);

                /** Attribute type */
                type?: (meseta.v1.Value.Type|null);

                /** Attribute scalar */
                scalar?: (meseta.v1.Value.Scalar.$Properties|null);

                /** Attribute ranges */
                ranges?: (meseta.v1.Value.Ranges.$Properties|null);

                /** Attribute set */
                set?: (meseta.v1.Value.Set.$Properties|null);

                /** Attribute text */
                text?: (meseta.v1.Value.Text.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Attribute. */
            type $Shape = meseta.v1.Attribute.$Properties;
        }

        /**
         * Properties of a Secret.
         * @deprecated Use meseta.v1.Secret.$Properties instead.
         */
        interface ISecret extends meseta.v1.Secret.$Properties {
        }

        /** Represents a Secret. */
        class Secret {

            /**
             * Constructs a new Secret.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Secret.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Secret type. */
            type: meseta.v1.Secret.Type;

            /** Secret reference. */
            reference?: (meseta.v1.Secret.Reference.$Properties|null);

            /**
             * Creates a new Secret instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Secret instance
             */
            static create(properties: meseta.v1.Secret.$Shape): meseta.v1.Secret & meseta.v1.Secret.$Shape;
            static create(properties?: meseta.v1.Secret.$Properties): meseta.v1.Secret;

            /**
             * Encodes the specified Secret message. Does not implicitly {@link meseta.v1.Secret.verify|verify} messages.
             * @param message Secret message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Secret.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Secret message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Secret & meseta.v1.Secret.$Shape} Secret
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Secret & meseta.v1.Secret.$Shape;

            /**
             * Creates a Secret message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Secret
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Secret;

            /**
             * Creates a plain object from a Secret message. Also converts values to other types if specified.
             * @param message Secret
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Secret, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Secret to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Secret {

            /** Properties of a Secret. */
            interface $Properties {

                /** Secret type */
                type?: (meseta.v1.Secret.Type|null);

                /** Secret reference */
                reference?: (meseta.v1.Secret.Reference.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Secret. */
            type $Shape = meseta.v1.Secret.$Properties;

            /** Type enum. */
            enum Type {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** REFERENCE value */
                REFERENCE = 1
            }

            /**
             * Properties of a Reference.
             * @deprecated Use meseta.v1.Secret.Reference.$Properties instead.
             */
            interface IReference extends meseta.v1.Secret.Reference.$Properties {
            }

            /** Represents a Reference. */
            class Reference {

                /**
                 * Constructs a new Reference.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Secret.Reference.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Reference name. */
                name: string;

                /** Reference key. */
                key: string;

                /**
                 * Creates a new Reference instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Reference instance
                 */
                static create(properties: meseta.v1.Secret.Reference.$Shape): meseta.v1.Secret.Reference & meseta.v1.Secret.Reference.$Shape;
                static create(properties?: meseta.v1.Secret.Reference.$Properties): meseta.v1.Secret.Reference;

                /**
                 * Encodes the specified Reference message. Does not implicitly {@link meseta.v1.Secret.Reference.verify|verify} messages.
                 * @param message Reference message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Secret.Reference.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Reference message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Secret.Reference & meseta.v1.Secret.Reference.$Shape} Reference
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Secret.Reference & meseta.v1.Secret.Reference.$Shape;

                /**
                 * Creates a Reference message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Reference
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Secret.Reference;

                /**
                 * Creates a plain object from a Reference message. Also converts values to other types if specified.
                 * @param message Reference
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Secret.Reference, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Reference to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Reference {

                /** Properties of a Reference. */
                interface $Properties {

                    /** Reference name */
                    name?: (string|null);

                    /** Reference key */
                    key?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Reference. */
                type $Shape = meseta.v1.Secret.Reference.$Properties;
            }
        }

        /**
         * Properties of an Environment.
         * @deprecated Use meseta.v1.Environment.$Properties instead.
         */
        interface IEnvironment extends meseta.v1.Environment.$Properties {
        }

        /** Represents an Environment. */
        class Environment {

            /**
             * Constructs a new Environment.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Environment.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Environment variables. */
            variables: meseta.v1.Environment.Variable.$Properties[];

            /**
             * Creates a new Environment instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Environment instance
             */
            static create(properties: meseta.v1.Environment.$Shape): meseta.v1.Environment & meseta.v1.Environment.$Shape;
            static create(properties?: meseta.v1.Environment.$Properties): meseta.v1.Environment;

            /**
             * Encodes the specified Environment message. Does not implicitly {@link meseta.v1.Environment.verify|verify} messages.
             * @param message Environment message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Environment.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Environment message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Environment & meseta.v1.Environment.$Shape} Environment
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Environment & meseta.v1.Environment.$Shape;

            /**
             * Creates an Environment message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Environment
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Environment;

            /**
             * Creates a plain object from an Environment message. Also converts values to other types if specified.
             * @param message Environment
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Environment, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Environment to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Environment {

            /** Properties of an Environment. */
            interface $Properties {

                /** Environment variables */
                variables?: (meseta.v1.Environment.Variable.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Environment. */
            type $Shape = meseta.v1.Environment.$Properties;

            /**
             * Properties of a Variable.
             * @deprecated Use meseta.v1.Environment.Variable.$Properties instead.
             */
            interface IVariable extends meseta.v1.Environment.Variable.$Properties {
            }

            /** Represents a Variable. */
            class Variable {

                /**
                 * Constructs a new Variable.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Environment.Variable.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Variable name. */
                name: string;

                /** Variable value. */
                value: string;

                /** Variable type. */
                type: meseta.v1.Environment.Variable.Type;

                /** Variable secret. */
                secret?: (meseta.v1.Secret.$Properties|null);

                /**
                 * Creates a new Variable instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Variable instance
                 */
                static create(properties: meseta.v1.Environment.Variable.$Shape): meseta.v1.Environment.Variable & meseta.v1.Environment.Variable.$Shape;
                static create(properties?: meseta.v1.Environment.Variable.$Properties): meseta.v1.Environment.Variable;

                /**
                 * Encodes the specified Variable message. Does not implicitly {@link meseta.v1.Environment.Variable.verify|verify} messages.
                 * @param message Variable message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Environment.Variable.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Variable message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Environment.Variable & meseta.v1.Environment.Variable.$Shape} Variable
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Environment.Variable & meseta.v1.Environment.Variable.$Shape;

                /**
                 * Creates a Variable message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Variable
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Environment.Variable;

                /**
                 * Creates a plain object from a Variable message. Also converts values to other types if specified.
                 * @param message Variable
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Environment.Variable, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Variable to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Variable {

                /** Properties of a Variable. */
                interface $Properties {

                    /** Variable name */
                    name?: (string|null);

                    /** Variable value */
                    value?: (string|null);

                    /** Variable type */
                    type?: (meseta.v1.Environment.Variable.Type|null);

                    /** Variable secret */
                    secret?: (meseta.v1.Secret.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Variable. */
                type $Shape = meseta.v1.Environment.Variable.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** VALUE value */
                    VALUE = 1,

                    /** SECRET value */
                    SECRET = 2
                }
            }
        }

        /**
         * Properties of a CommandInfo.
         * @deprecated Use meseta.v1.CommandInfo.$Properties instead.
         */
        interface ICommandInfo extends meseta.v1.CommandInfo.$Properties {
        }

        /** Represents a CommandInfo. */
        class CommandInfo {

            /**
             * Constructs a new CommandInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.CommandInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommandInfo uris. */
            uris: meseta.v1.CommandInfo.URI.$Properties[];

            /** CommandInfo environment. */
            environment?: (meseta.v1.Environment.$Properties|null);

            /** CommandInfo shell. */
            shell: boolean;

            /** CommandInfo value. */
            value: string;

            /** CommandInfo arguments. */
            arguments: string[];

            /** CommandInfo user. */
            user: string;

            /**
             * Creates a new CommandInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommandInfo instance
             */
            static create(properties: meseta.v1.CommandInfo.$Shape): meseta.v1.CommandInfo & meseta.v1.CommandInfo.$Shape;
            static create(properties?: meseta.v1.CommandInfo.$Properties): meseta.v1.CommandInfo;

            /**
             * Encodes the specified CommandInfo message. Does not implicitly {@link meseta.v1.CommandInfo.verify|verify} messages.
             * @param message CommandInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.CommandInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommandInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.CommandInfo & meseta.v1.CommandInfo.$Shape} CommandInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.CommandInfo & meseta.v1.CommandInfo.$Shape;

            /**
             * Creates a CommandInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CommandInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.CommandInfo;

            /**
             * Creates a plain object from a CommandInfo message. Also converts values to other types if specified.
             * @param message CommandInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.CommandInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CommandInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CommandInfo {

            /** Properties of a CommandInfo. */
            interface $Properties {

                /** CommandInfo uris */
                uris?: (meseta.v1.CommandInfo.URI.$Properties[]|null);

                /** CommandInfo environment */
                environment?: (meseta.v1.Environment.$Properties|null);

                /** CommandInfo shell */
                shell?: (boolean|null);

                /** CommandInfo value */
                value?: (string|null);

                /** CommandInfo arguments */
                "arguments"?: (string[]|null);

                /** CommandInfo user */
                user?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommandInfo. */
            type $Shape = meseta.v1.CommandInfo.$Properties;

            /**
             * Properties of a URI.
             * @deprecated Use meseta.v1.CommandInfo.URI.$Properties instead.
             */
            interface IURI extends meseta.v1.CommandInfo.URI.$Properties {
            }

            /** Represents a URI. */
            class URI {

                /**
                 * Constructs a new URI.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.CommandInfo.URI.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** URI value. */
                value: string;

                /** URI executable. */
                executable: boolean;

                /** URI extract. */
                extract: boolean;

                /** URI cache. */
                cache: boolean;

                /** URI output_file. */
                output_file: string;

                /**
                 * Creates a new URI instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns URI instance
                 */
                static create(properties: meseta.v1.CommandInfo.URI.$Shape): meseta.v1.CommandInfo.URI & meseta.v1.CommandInfo.URI.$Shape;
                static create(properties?: meseta.v1.CommandInfo.URI.$Properties): meseta.v1.CommandInfo.URI;

                /**
                 * Encodes the specified URI message. Does not implicitly {@link meseta.v1.CommandInfo.URI.verify|verify} messages.
                 * @param message URI message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.CommandInfo.URI.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a URI message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.CommandInfo.URI & meseta.v1.CommandInfo.URI.$Shape} URI
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.CommandInfo.URI & meseta.v1.CommandInfo.URI.$Shape;

                /**
                 * Creates a URI message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns URI
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.CommandInfo.URI;

                /**
                 * Creates a plain object from a URI message. Also converts values to other types if specified.
                 * @param message URI
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.CommandInfo.URI, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this URI to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace URI {

                /** Properties of a URI. */
                interface $Properties {

                    /** URI value */
                    value?: (string|null);

                    /** URI executable */
                    executable?: (boolean|null);

                    /** URI extract */
                    extract?: (boolean|null);

                    /** URI cache */
                    cache?: (boolean|null);

                    /** URI output_file */
                    output_file?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a URI. */
                type $Shape = meseta.v1.CommandInfo.URI.$Properties;
            }
        }

        /**
         * Properties of a Volume.
         * @deprecated Use meseta.v1.Volume.$Properties instead.
         */
        interface IVolume extends meseta.v1.Volume.$Properties {
        }

        /** Represents a Volume. */
        class Volume {

            /**
             * Constructs a new Volume.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Volume.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Volume mode. */
            mode: meseta.v1.Volume.Mode;

            /** Volume container_path. */
            container_path: string;

            /** Volume host_path. */
            host_path: string;

            /** Volume source. */
            source?: (meseta.v1.Volume.Source.$Properties|null);

            /**
             * Creates a new Volume instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Volume instance
             */
            static create(properties: meseta.v1.Volume.$Shape): meseta.v1.Volume & meseta.v1.Volume.$Shape;
            static create(properties?: meseta.v1.Volume.$Properties): meseta.v1.Volume;

            /**
             * Encodes the specified Volume message. Does not implicitly {@link meseta.v1.Volume.verify|verify} messages.
             * @param message Volume message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Volume.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Volume message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Volume & meseta.v1.Volume.$Shape} Volume
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Volume & meseta.v1.Volume.$Shape;

            /**
             * Creates a Volume message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Volume
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Volume;

            /**
             * Creates a plain object from a Volume message. Also converts values to other types if specified.
             * @param message Volume
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Volume, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Volume to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Volume {

            /** Properties of a Volume. */
            interface $Properties {

                /** Volume mode */
                mode?: (meseta.v1.Volume.Mode|null);

                /** Volume container_path */
                container_path?: (string|null);

                /** Volume host_path */
                host_path?: (string|null);

                /** Volume source */
                source?: (meseta.v1.Volume.Source.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Volume. */
            type $Shape = meseta.v1.Volume.$Properties;

            /** Mode enum. */
            enum Mode {

                /** RW value */
                RW = 1,

                /** RO value */
                RO = 2
            }

            /**
             * Properties of a Source.
             * @deprecated Use meseta.v1.Volume.Source.$Properties instead.
             */
            interface ISource extends meseta.v1.Volume.Source.$Properties {
            }

            /** Represents a Source. */
            class Source {

                /**
                 * Constructs a new Source.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Volume.Source.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Source type. */
                type: meseta.v1.Volume.Source.Type;

                /** Source secret. */
                secret?: (meseta.v1.Secret.$Properties|null);

                /**
                 * Creates a new Source instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Source instance
                 */
                static create(properties: meseta.v1.Volume.Source.$Shape): meseta.v1.Volume.Source & meseta.v1.Volume.Source.$Shape;
                static create(properties?: meseta.v1.Volume.Source.$Properties): meseta.v1.Volume.Source;

                /**
                 * Encodes the specified Source message. Does not implicitly {@link meseta.v1.Volume.Source.verify|verify} messages.
                 * @param message Source message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Volume.Source.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Source message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Volume.Source & meseta.v1.Volume.Source.$Shape} Source
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Volume.Source & meseta.v1.Volume.Source.$Shape;

                /**
                 * Creates a Source message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Source
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Volume.Source;

                /**
                 * Creates a plain object from a Source message. Also converts values to other types if specified.
                 * @param message Source
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Volume.Source, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Source to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Source {

                /** Properties of a Source. */
                interface $Properties {

                    /** Source type */
                    type?: (meseta.v1.Volume.Source.Type|null);

                    /** Source secret */
                    secret?: (meseta.v1.Secret.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Source. */
                type $Shape = meseta.v1.Volume.Source.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** SECRET value */
                    SECRET = 1
                }
            }
        }

        /**
         * Properties of an Image.
         * @deprecated Use meseta.v1.Image.$Properties instead.
         */
        interface IImage extends meseta.v1.Image.$Properties {
        }

        /** Represents an Image. */
        class Image {

            /**
             * Constructs a new Image.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Image.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Image type. */
            type: meseta.v1.Image.Type;

            /** Image tar. */
            tar?: (meseta.v1.Image.Tar.$Properties|null);

            /** Image docker. */
            docker?: (meseta.v1.Image.Docker.$Properties|null);

            /** Image cached. */
            cached: boolean;

            /**
             * Creates a new Image instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Image instance
             */
            static create(properties: meseta.v1.Image.$Shape): meseta.v1.Image & meseta.v1.Image.$Shape;
            static create(properties?: meseta.v1.Image.$Properties): meseta.v1.Image;

            /**
             * Encodes the specified Image message. Does not implicitly {@link meseta.v1.Image.verify|verify} messages.
             * @param message Image message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Image.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Image message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Image & meseta.v1.Image.$Shape} Image
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Image & meseta.v1.Image.$Shape;

            /**
             * Creates an Image message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Image
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Image;

            /**
             * Creates a plain object from an Image message. Also converts values to other types if specified.
             * @param message Image
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Image, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Image to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Image {

            /** Properties of an Image. */
            interface $Properties {

                /** Image type */
                type?: (meseta.v1.Image.Type|null);

                /** Image tar */
                tar?: (meseta.v1.Image.Tar.$Properties|null);

                /** Image docker */
                docker?: (meseta.v1.Image.Docker.$Properties|null);

                /** Image cached */
                cached?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Image. */
            type $Shape = meseta.v1.Image.$Properties;

            /** Type enum. */
            enum Type {

                /** TAR value */
                TAR = 0,

                /** DOCKER value */
                DOCKER = 1
            }

            /**
             * Properties of a Tar.
             * @deprecated Use meseta.v1.Image.Tar.$Properties instead.
             */
            interface ITar extends meseta.v1.Image.Tar.$Properties {
            }

            /** Represents a Tar. */
            class Tar {

                /**
                 * Constructs a new Tar.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Image.Tar.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Tar uri. */
                uri: string;

                /**
                 * Creates a new Tar instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Tar instance
                 */
                static create(properties: meseta.v1.Image.Tar.$Shape): meseta.v1.Image.Tar & meseta.v1.Image.Tar.$Shape;
                static create(properties?: meseta.v1.Image.Tar.$Properties): meseta.v1.Image.Tar;

                /**
                 * Encodes the specified Tar message. Does not implicitly {@link meseta.v1.Image.Tar.verify|verify} messages.
                 * @param message Tar message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Image.Tar.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Tar message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Image.Tar & meseta.v1.Image.Tar.$Shape} Tar
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Image.Tar & meseta.v1.Image.Tar.$Shape;

                /**
                 * Creates a Tar message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Tar
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Image.Tar;

                /**
                 * Creates a plain object from a Tar message. Also converts values to other types if specified.
                 * @param message Tar
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Image.Tar, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Tar to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Tar {

                /** Properties of a Tar. */
                interface $Properties {

                    /** Tar uri */
                    uri?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Tar. */
                type $Shape = meseta.v1.Image.Tar.$Properties;
            }

            /**
             * Properties of a Docker.
             * @deprecated Use meseta.v1.Image.Docker.$Properties instead.
             */
            interface IDocker extends meseta.v1.Image.Docker.$Properties {
            }

            /** Represents a Docker. */
            class Docker {

                /**
                 * Constructs a new Docker.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Image.Docker.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Docker name. */
                name: string;

                /**
                 * Creates a new Docker instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Docker instance
                 */
                static create(properties: meseta.v1.Image.Docker.$Shape): meseta.v1.Image.Docker & meseta.v1.Image.Docker.$Shape;
                static create(properties?: meseta.v1.Image.Docker.$Properties): meseta.v1.Image.Docker;

                /**
                 * Encodes the specified Docker message. Does not implicitly {@link meseta.v1.Image.Docker.verify|verify} messages.
                 * @param message Docker message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Image.Docker.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Docker message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Image.Docker & meseta.v1.Image.Docker.$Shape} Docker
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Image.Docker & meseta.v1.Image.Docker.$Shape;

                /**
                 * Creates a Docker message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Docker
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Image.Docker;

                /**
                 * Creates a plain object from a Docker message. Also converts values to other types if specified.
                 * @param message Docker
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Image.Docker, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Docker to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Docker {

                /** Properties of a Docker. */
                interface $Properties {

                    /** Docker name */
                    name?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Docker. */
                type $Shape = meseta.v1.Image.Docker.$Properties;
            }
        }

        /**
         * Properties of a NetworkInfo.
         * @deprecated Use meseta.v1.NetworkInfo.$Properties instead.
         */
        interface INetworkInfo extends meseta.v1.NetworkInfo.$Properties {
        }

        /** Represents a NetworkInfo. */
        class NetworkInfo {

            /**
             * Constructs a new NetworkInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.NetworkInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** NetworkInfo mode. */
            mode: meseta.v1.NetworkInfo.Mode;

            /** NetworkInfo name. */
            name: string;

            /**
             * Creates a new NetworkInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns NetworkInfo instance
             */
            static create(properties: meseta.v1.NetworkInfo.$Shape): meseta.v1.NetworkInfo & meseta.v1.NetworkInfo.$Shape;
            static create(properties?: meseta.v1.NetworkInfo.$Properties): meseta.v1.NetworkInfo;

            /**
             * Encodes the specified NetworkInfo message. Does not implicitly {@link meseta.v1.NetworkInfo.verify|verify} messages.
             * @param message NetworkInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.NetworkInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a NetworkInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.NetworkInfo & meseta.v1.NetworkInfo.$Shape} NetworkInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.NetworkInfo & meseta.v1.NetworkInfo.$Shape;

            /**
             * Creates a NetworkInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns NetworkInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.NetworkInfo;

            /**
             * Creates a plain object from a NetworkInfo message. Also converts values to other types if specified.
             * @param message NetworkInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.NetworkInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this NetworkInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace NetworkInfo {

            /** Properties of a NetworkInfo. */
            interface $Properties {

                /** NetworkInfo mode */
                mode?: (meseta.v1.NetworkInfo.Mode|null);

                /** NetworkInfo name */
                name?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a NetworkInfo. */
            type $Shape = meseta.v1.NetworkInfo.$Properties;

            /** Mode enum. */
            enum Mode {

                /** HOST value */
                HOST = 0,

                /** NONE value */
                NONE = 1
            }
        }

        /**
         * Properties of a ContainerInfo.
         * @deprecated Use meseta.v1.ContainerInfo.$Properties instead.
         */
        interface IContainerInfo extends meseta.v1.ContainerInfo.$Properties {
        }

        /** Represents a ContainerInfo. */
        class ContainerInfo {

            /**
             * Constructs a new ContainerInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ContainerInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ContainerInfo type. */
            type: meseta.v1.ContainerInfo.Type;

            /** ContainerInfo volumes. */
            volumes: meseta.v1.Volume.$Properties[];

            /** ContainerInfo hostname. */
            hostname: string;

            /** ContainerInfo docker. */
            docker?: (meseta.v1.ContainerInfo.DockerInfo.$Properties|null);

            /** ContainerInfo mesos. */
            mesos?: (meseta.v1.ContainerInfo.MesosInfo.$Properties|null);

            /** ContainerInfo network_infos. */
            network_infos: meseta.v1.NetworkInfo.$Properties[];

            /**
             * Creates a new ContainerInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerInfo instance
             */
            static create(properties: meseta.v1.ContainerInfo.$Shape): meseta.v1.ContainerInfo & meseta.v1.ContainerInfo.$Shape;
            static create(properties?: meseta.v1.ContainerInfo.$Properties): meseta.v1.ContainerInfo;

            /**
             * Encodes the specified ContainerInfo message. Does not implicitly {@link meseta.v1.ContainerInfo.verify|verify} messages.
             * @param message ContainerInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ContainerInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ContainerInfo & meseta.v1.ContainerInfo.$Shape} ContainerInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ContainerInfo & meseta.v1.ContainerInfo.$Shape;

            /**
             * Creates a ContainerInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ContainerInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ContainerInfo;

            /**
             * Creates a plain object from a ContainerInfo message. Also converts values to other types if specified.
             * @param message ContainerInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ContainerInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ContainerInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ContainerInfo {

            /** Properties of a ContainerInfo. */
            interface $Properties {

                /** ContainerInfo type */
                type?: (meseta.v1.ContainerInfo.Type|null);

                /** ContainerInfo volumes */
                volumes?: (meseta.v1.Volume.$Properties[]|null);

                /** ContainerInfo hostname */
                hostname?: (string|null);

                /** ContainerInfo docker */
                docker?: (meseta.v1.ContainerInfo.DockerInfo.$Properties|null);

                /** ContainerInfo mesos */
                mesos?: (meseta.v1.ContainerInfo.MesosInfo.$Properties|null);

                /** ContainerInfo network_infos */
                network_infos?: (meseta.v1.NetworkInfo.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ContainerInfo. */
            type $Shape = meseta.v1.ContainerInfo.$Properties;

            /** Type enum. */
            enum Type {

                /** POSIX value */
                POSIX = 0,

                /** DOCKER value */
                DOCKER = 1,

                /** MESOS value */
                MESOS = 2
            }

            /**
             * Properties of a DockerInfo.
             * @deprecated Use meseta.v1.ContainerInfo.DockerInfo.$Properties instead.
             */
            interface IDockerInfo extends meseta.v1.ContainerInfo.DockerInfo.$Properties {
            }

            /** Represents a DockerInfo. */
            class DockerInfo {

                /**
                 * Constructs a new DockerInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.ContainerInfo.DockerInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** DockerInfo image. */
                image: string;

                /** DockerInfo force_pull_image. */
                force_pull_image: boolean;

                /** DockerInfo image_uri. */
                image_uri: string;

                /**
                 * Creates a new DockerInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns DockerInfo instance
                 */
                static create(properties: meseta.v1.ContainerInfo.DockerInfo.$Shape): meseta.v1.ContainerInfo.DockerInfo & meseta.v1.ContainerInfo.DockerInfo.$Shape;
                static create(properties?: meseta.v1.ContainerInfo.DockerInfo.$Properties): meseta.v1.ContainerInfo.DockerInfo;

                /**
                 * Encodes the specified DockerInfo message. Does not implicitly {@link meseta.v1.ContainerInfo.DockerInfo.verify|verify} messages.
                 * @param message DockerInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.ContainerInfo.DockerInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a DockerInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.ContainerInfo.DockerInfo & meseta.v1.ContainerInfo.DockerInfo.$Shape} DockerInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ContainerInfo.DockerInfo & meseta.v1.ContainerInfo.DockerInfo.$Shape;

                /**
                 * Creates a DockerInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns DockerInfo
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.ContainerInfo.DockerInfo;

                /**
                 * Creates a plain object from a DockerInfo message. Also converts values to other types if specified.
                 * @param message DockerInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.ContainerInfo.DockerInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this DockerInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace DockerInfo {

                /** Properties of a DockerInfo. */
                interface $Properties {

                    /** DockerInfo image */
                    image?: (string|null);

                    /** DockerInfo force_pull_image */
                    force_pull_image?: (boolean|null);

                    /** DockerInfo image_uri */
                    image_uri?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a DockerInfo. */
                type $Shape = meseta.v1.ContainerInfo.DockerInfo.$Properties;
            }

            /**
             * Properties of a MesosInfo.
             * @deprecated Use meseta.v1.ContainerInfo.MesosInfo.$Properties instead.
             */
            interface IMesosInfo extends meseta.v1.ContainerInfo.MesosInfo.$Properties {
            }

            /** Represents a MesosInfo. */
            class MesosInfo {

                /**
                 * Constructs a new MesosInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.ContainerInfo.MesosInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** MesosInfo image. */
                image?: (meseta.v1.Image.$Properties|null);

                /**
                 * Creates a new MesosInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns MesosInfo instance
                 */
                static create(properties: meseta.v1.ContainerInfo.MesosInfo.$Shape): meseta.v1.ContainerInfo.MesosInfo & meseta.v1.ContainerInfo.MesosInfo.$Shape;
                static create(properties?: meseta.v1.ContainerInfo.MesosInfo.$Properties): meseta.v1.ContainerInfo.MesosInfo;

                /**
                 * Encodes the specified MesosInfo message. Does not implicitly {@link meseta.v1.ContainerInfo.MesosInfo.verify|verify} messages.
                 * @param message MesosInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.ContainerInfo.MesosInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a MesosInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.ContainerInfo.MesosInfo & meseta.v1.ContainerInfo.MesosInfo.$Shape} MesosInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ContainerInfo.MesosInfo & meseta.v1.ContainerInfo.MesosInfo.$Shape;

                /**
                 * Creates a MesosInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns MesosInfo
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.ContainerInfo.MesosInfo;

                /**
                 * Creates a plain object from a MesosInfo message. Also converts values to other types if specified.
                 * @param message MesosInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.ContainerInfo.MesosInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this MesosInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace MesosInfo {

                /** Properties of a MesosInfo. */
                interface $Properties {

                    /** MesosInfo image */
                    image?: (meseta.v1.Image.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a MesosInfo. */
                type $Shape = meseta.v1.ContainerInfo.MesosInfo.$Properties;
            }
        }

        /**
         * Properties of a HealthCheck.
         * @deprecated Use meseta.v1.HealthCheck.$Properties instead.
         */
        interface IHealthCheck extends meseta.v1.HealthCheck.$Properties {
        }

        /** Represents a HealthCheck. */
        class HealthCheck {

            /**
             * Constructs a new HealthCheck.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.HealthCheck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** HealthCheck delay_seconds. */
            delay_seconds: number;

            /** HealthCheck interval_seconds. */
            interval_seconds: number;

            /** HealthCheck timeout_seconds. */
            timeout_seconds: number;

            /** HealthCheck consecutive_failures. */
            consecutive_failures: number;

            /** HealthCheck grace_period_seconds. */
            grace_period_seconds: number;

            /** HealthCheck type. */
            type: meseta.v1.HealthCheck.Type;

            /** HealthCheck command. */
            command?: (meseta.v1.CommandInfo.$Properties|null);

            /** HealthCheck http. */
            http?: (meseta.v1.HealthCheck.HTTPCheckInfo.$Properties|null);

            /** HealthCheck tcp. */
            tcp?: (meseta.v1.HealthCheck.TCPCheckInfo.$Properties|null);

            /**
             * Creates a new HealthCheck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns HealthCheck instance
             */
            static create(properties: meseta.v1.HealthCheck.$Shape): meseta.v1.HealthCheck & meseta.v1.HealthCheck.$Shape;
            static create(properties?: meseta.v1.HealthCheck.$Properties): meseta.v1.HealthCheck;

            /**
             * Encodes the specified HealthCheck message. Does not implicitly {@link meseta.v1.HealthCheck.verify|verify} messages.
             * @param message HealthCheck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.HealthCheck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a HealthCheck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.HealthCheck & meseta.v1.HealthCheck.$Shape} HealthCheck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.HealthCheck & meseta.v1.HealthCheck.$Shape;

            /**
             * Creates a HealthCheck message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns HealthCheck
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.HealthCheck;

            /**
             * Creates a plain object from a HealthCheck message. Also converts values to other types if specified.
             * @param message HealthCheck
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.HealthCheck, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this HealthCheck to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace HealthCheck {

            /** Properties of a HealthCheck. */
            interface $Properties {

                /** HealthCheck delay_seconds */
                delay_seconds?: (number|null);

                /** HealthCheck interval_seconds */
                interval_seconds?: (number|null);

                /** HealthCheck timeout_seconds */
                timeout_seconds?: (number|null);

                /** HealthCheck consecutive_failures */
                consecutive_failures?: (number|null);

                /** HealthCheck grace_period_seconds */
                grace_period_seconds?: (number|null);

                /** HealthCheck type */
                type?: (meseta.v1.HealthCheck.Type|null);

                /** HealthCheck command */
                command?: (meseta.v1.CommandInfo.$Properties|null);

                /** HealthCheck http */
                http?: (meseta.v1.HealthCheck.HTTPCheckInfo.$Properties|null);

                /** HealthCheck tcp */
                tcp?: (meseta.v1.HealthCheck.TCPCheckInfo.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a HealthCheck. */
            type $Shape = meseta.v1.HealthCheck.$Properties;

            /** Type enum. */
            enum Type {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** COMMAND value */
                COMMAND = 1,

                /** HTTP value */
                HTTP = 2,

                /** TCP value */
                TCP = 3
            }

            /**
             * Properties of a HTTPCheckInfo.
             * @deprecated Use meseta.v1.HealthCheck.HTTPCheckInfo.$Properties instead.
             */
            interface IHTTPCheckInfo extends meseta.v1.HealthCheck.HTTPCheckInfo.$Properties {
            }

            /** Represents a HTTPCheckInfo. */
            class HTTPCheckInfo {

                /**
                 * Constructs a new HTTPCheckInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.HealthCheck.HTTPCheckInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** HTTPCheckInfo scheme. */
                scheme: string;

                /** HTTPCheckInfo port. */
                port: number;

                /** HTTPCheckInfo path. */
                path: string;

                /** HTTPCheckInfo statuses. */
                statuses: number[];

                /**
                 * Creates a new HTTPCheckInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns HTTPCheckInfo instance
                 */
                static create(properties: meseta.v1.HealthCheck.HTTPCheckInfo.$Shape): meseta.v1.HealthCheck.HTTPCheckInfo & meseta.v1.HealthCheck.HTTPCheckInfo.$Shape;
                static create(properties?: meseta.v1.HealthCheck.HTTPCheckInfo.$Properties): meseta.v1.HealthCheck.HTTPCheckInfo;

                /**
                 * Encodes the specified HTTPCheckInfo message. Does not implicitly {@link meseta.v1.HealthCheck.HTTPCheckInfo.verify|verify} messages.
                 * @param message HTTPCheckInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.HealthCheck.HTTPCheckInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a HTTPCheckInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.HealthCheck.HTTPCheckInfo & meseta.v1.HealthCheck.HTTPCheckInfo.$Shape} HTTPCheckInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.HealthCheck.HTTPCheckInfo & meseta.v1.HealthCheck.HTTPCheckInfo.$Shape;

                /**
                 * Creates a HTTPCheckInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns HTTPCheckInfo
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.HealthCheck.HTTPCheckInfo;

                /**
                 * Creates a plain object from a HTTPCheckInfo message. Also converts values to other types if specified.
                 * @param message HTTPCheckInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.HealthCheck.HTTPCheckInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this HTTPCheckInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace HTTPCheckInfo {

                /** Properties of a HTTPCheckInfo. */
                interface $Properties {

                    /** HTTPCheckInfo scheme */
                    scheme?: (string|null);

                    /** HTTPCheckInfo port */
                    port?: (number|null);

                    /** HTTPCheckInfo path */
                    path?: (string|null);

                    /** HTTPCheckInfo statuses */
                    statuses?: (number[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a HTTPCheckInfo. */
                type $Shape = meseta.v1.HealthCheck.HTTPCheckInfo.$Properties;
            }

            /**
             * Properties of a TCPCheckInfo.
             * @deprecated Use meseta.v1.HealthCheck.TCPCheckInfo.$Properties instead.
             */
            interface ITCPCheckInfo extends meseta.v1.HealthCheck.TCPCheckInfo.$Properties {
            }

            /** Represents a TCPCheckInfo. */
            class TCPCheckInfo {

                /**
                 * Constructs a new TCPCheckInfo.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.HealthCheck.TCPCheckInfo.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** TCPCheckInfo port. */
                port: number;

                /**
                 * Creates a new TCPCheckInfo instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns TCPCheckInfo instance
                 */
                static create(properties: meseta.v1.HealthCheck.TCPCheckInfo.$Shape): meseta.v1.HealthCheck.TCPCheckInfo & meseta.v1.HealthCheck.TCPCheckInfo.$Shape;
                static create(properties?: meseta.v1.HealthCheck.TCPCheckInfo.$Properties): meseta.v1.HealthCheck.TCPCheckInfo;

                /**
                 * Encodes the specified TCPCheckInfo message. Does not implicitly {@link meseta.v1.HealthCheck.TCPCheckInfo.verify|verify} messages.
                 * @param message TCPCheckInfo message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.HealthCheck.TCPCheckInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a TCPCheckInfo message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.HealthCheck.TCPCheckInfo & meseta.v1.HealthCheck.TCPCheckInfo.$Shape} TCPCheckInfo
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.HealthCheck.TCPCheckInfo & meseta.v1.HealthCheck.TCPCheckInfo.$Shape;

                /**
                 * Creates a TCPCheckInfo message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns TCPCheckInfo
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.HealthCheck.TCPCheckInfo;

                /**
                 * Creates a plain object from a TCPCheckInfo message. Also converts values to other types if specified.
                 * @param message TCPCheckInfo
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.HealthCheck.TCPCheckInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this TCPCheckInfo to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace TCPCheckInfo {

                /** Properties of a TCPCheckInfo. */
                interface $Properties {

                    /** TCPCheckInfo port */
                    port?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a TCPCheckInfo. */
                type $Shape = meseta.v1.HealthCheck.TCPCheckInfo.$Properties;
            }
        }

        /**
         * Properties of a KillPolicy.
         * @deprecated Use meseta.v1.KillPolicy.$Properties instead.
         */
        interface IKillPolicy extends meseta.v1.KillPolicy.$Properties {
        }

        /** Represents a KillPolicy. */
        class KillPolicy {

            /**
             * Constructs a new KillPolicy.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.KillPolicy.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** KillPolicy grace_period. */
            grace_period?: (meseta.v1.DurationInfo.$Properties|null);

            /**
             * Creates a new KillPolicy instance using the specified properties.
             * @param [properties] Properties to set
             * @returns KillPolicy instance
             */
            static create(properties: meseta.v1.KillPolicy.$Shape): meseta.v1.KillPolicy & meseta.v1.KillPolicy.$Shape;
            static create(properties?: meseta.v1.KillPolicy.$Properties): meseta.v1.KillPolicy;

            /**
             * Encodes the specified KillPolicy message. Does not implicitly {@link meseta.v1.KillPolicy.verify|verify} messages.
             * @param message KillPolicy message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.KillPolicy.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a KillPolicy message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.KillPolicy & meseta.v1.KillPolicy.$Shape} KillPolicy
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.KillPolicy & meseta.v1.KillPolicy.$Shape;

            /**
             * Creates a KillPolicy message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns KillPolicy
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.KillPolicy;

            /**
             * Creates a plain object from a KillPolicy message. Also converts values to other types if specified.
             * @param message KillPolicy
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.KillPolicy, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this KillPolicy to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace KillPolicy {

            /** Properties of a KillPolicy. */
            interface $Properties {

                /** KillPolicy grace_period */
                grace_period?: (meseta.v1.DurationInfo.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a KillPolicy. */
            type $Shape = meseta.v1.KillPolicy.$Properties;
        }

        /**
         * Properties of an ExecutorInfo.
         * @deprecated Use meseta.v1.ExecutorInfo.$Properties instead.
         */
        interface IExecutorInfo extends meseta.v1.ExecutorInfo.$Properties {
        }

        /** Represents an ExecutorInfo. */
        class ExecutorInfo {

            /**
             * Constructs a new ExecutorInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ExecutorInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ExecutorInfo type. */
            type: meseta.v1.ExecutorInfo.Type;

            /** ExecutorInfo executor_id. */
            executor_id?: (meseta.v1.ExecutorID.$Properties|null);

            /** ExecutorInfo framework_id. */
            framework_id?: (meseta.v1.FrameworkID.$Properties|null);

            /** ExecutorInfo command. */
            command?: (meseta.v1.CommandInfo.$Properties|null);

            /** ExecutorInfo container. */
            container?: (meseta.v1.ContainerInfo.$Properties|null);

            /** ExecutorInfo resources. */
            resources: meseta.v1.Resource.$Properties[];

            /** ExecutorInfo name. */
            name: string;

            /** ExecutorInfo data. */
            data: Uint8Array;

            /**
             * Creates a new ExecutorInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecutorInfo instance
             */
            static create(properties: meseta.v1.ExecutorInfo.$Shape): meseta.v1.ExecutorInfo & meseta.v1.ExecutorInfo.$Shape;
            static create(properties?: meseta.v1.ExecutorInfo.$Properties): meseta.v1.ExecutorInfo;

            /**
             * Encodes the specified ExecutorInfo message. Does not implicitly {@link meseta.v1.ExecutorInfo.verify|verify} messages.
             * @param message ExecutorInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ExecutorInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecutorInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ExecutorInfo & meseta.v1.ExecutorInfo.$Shape} ExecutorInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecutorInfo & meseta.v1.ExecutorInfo.$Shape;

            /**
             * Creates an ExecutorInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ExecutorInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ExecutorInfo;

            /**
             * Creates a plain object from an ExecutorInfo message. Also converts values to other types if specified.
             * @param message ExecutorInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ExecutorInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ExecutorInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ExecutorInfo {

            /** Properties of an ExecutorInfo. */
            interface $Properties {

                /** ExecutorInfo type */
                type?: (meseta.v1.ExecutorInfo.Type|null);

                /** ExecutorInfo executor_id */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** ExecutorInfo framework_id */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** ExecutorInfo command */
                command?: (meseta.v1.CommandInfo.$Properties|null);

                /** ExecutorInfo container */
                container?: (meseta.v1.ContainerInfo.$Properties|null);

                /** ExecutorInfo resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** ExecutorInfo name */
                name?: (string|null);

                /** ExecutorInfo data */
                data?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ExecutorInfo. */
            type $Shape = meseta.v1.ExecutorInfo.$Properties;

            /** Type enum. */
            enum Type {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** DEFAULT value */
                DEFAULT = 1,

                /** CUSTOM value */
                CUSTOM = 2
            }
        }

        /**
         * Properties of a TaskInfo.
         * @deprecated Use meseta.v1.TaskInfo.$Properties instead.
         */
        interface ITaskInfo extends meseta.v1.TaskInfo.$Properties {
        }

        /** Represents a TaskInfo. */
        class TaskInfo {

            /**
             * Constructs a new TaskInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TaskInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskInfo name. */
            name: string;

            /** TaskInfo task_id. */
            task_id?: (meseta.v1.TaskID.$Properties|null);

            /** TaskInfo agent_id. */
            agent_id?: (meseta.v1.AgentID.$Properties|null);

            /** TaskInfo resources. */
            resources: meseta.v1.Resource.$Properties[];

            /** TaskInfo executor. */
            executor?: (meseta.v1.ExecutorInfo.$Properties|null);

            /** TaskInfo command. */
            command?: (meseta.v1.CommandInfo.$Properties|null);

            /** TaskInfo container. */
            container?: (meseta.v1.ContainerInfo.$Properties|null);

            /** TaskInfo health_check. */
            health_check?: (meseta.v1.HealthCheck.$Properties|null);

            /** TaskInfo kill_policy. */
            kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

            /** TaskInfo data. */
            data: Uint8Array;

            /** TaskInfo labels. */
            labels?: (meseta.v1.Labels.$Properties|null);

            /**
             * Creates a new TaskInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskInfo instance
             */
            static create(properties: meseta.v1.TaskInfo.$Shape): meseta.v1.TaskInfo & meseta.v1.TaskInfo.$Shape;
            static create(properties?: meseta.v1.TaskInfo.$Properties): meseta.v1.TaskInfo;

            /**
             * Encodes the specified TaskInfo message. Does not implicitly {@link meseta.v1.TaskInfo.verify|verify} messages.
             * @param message TaskInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TaskInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TaskInfo & meseta.v1.TaskInfo.$Shape} TaskInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TaskInfo & meseta.v1.TaskInfo.$Shape;

            /**
             * Creates a TaskInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TaskInfo;

            /**
             * Creates a plain object from a TaskInfo message. Also converts values to other types if specified.
             * @param message TaskInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TaskInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskInfo {

            /** Properties of a TaskInfo. */
            interface $Properties {

                /** TaskInfo name */
                name?: (string|null);

                /** TaskInfo task_id */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** TaskInfo agent_id */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** TaskInfo resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** TaskInfo executor */
                executor?: (meseta.v1.ExecutorInfo.$Properties|null);

                /** TaskInfo command */
                command?: (meseta.v1.CommandInfo.$Properties|null);

                /** TaskInfo container */
                container?: (meseta.v1.ContainerInfo.$Properties|null);

                /** TaskInfo health_check */
                health_check?: (meseta.v1.HealthCheck.$Properties|null);

                /** TaskInfo kill_policy */
                kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                /** TaskInfo data */
                data?: (Uint8Array|null);

                /** TaskInfo labels */
                labels?: (meseta.v1.Labels.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskInfo. */
            type $Shape = meseta.v1.TaskInfo.$Properties;
        }

        /**
         * Properties of a TaskGroupInfo.
         * @deprecated Use meseta.v1.TaskGroupInfo.$Properties instead.
         */
        interface ITaskGroupInfo extends meseta.v1.TaskGroupInfo.$Properties {
        }

        /** Represents a TaskGroupInfo. */
        class TaskGroupInfo {

            /**
             * Constructs a new TaskGroupInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TaskGroupInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskGroupInfo tasks. */
            tasks: meseta.v1.TaskInfo.$Properties[];

            /**
             * Creates a new TaskGroupInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskGroupInfo instance
             */
            static create(properties: meseta.v1.TaskGroupInfo.$Shape): meseta.v1.TaskGroupInfo & meseta.v1.TaskGroupInfo.$Shape;
            static create(properties?: meseta.v1.TaskGroupInfo.$Properties): meseta.v1.TaskGroupInfo;

            /**
             * Encodes the specified TaskGroupInfo message. Does not implicitly {@link meseta.v1.TaskGroupInfo.verify|verify} messages.
             * @param message TaskGroupInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TaskGroupInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskGroupInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TaskGroupInfo & meseta.v1.TaskGroupInfo.$Shape} TaskGroupInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TaskGroupInfo & meseta.v1.TaskGroupInfo.$Shape;

            /**
             * Creates a TaskGroupInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskGroupInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TaskGroupInfo;

            /**
             * Creates a plain object from a TaskGroupInfo message. Also converts values to other types if specified.
             * @param message TaskGroupInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TaskGroupInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskGroupInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskGroupInfo {

            /** Properties of a TaskGroupInfo. */
            interface $Properties {

                /** TaskGroupInfo tasks */
                tasks?: (meseta.v1.TaskInfo.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskGroupInfo. */
            type $Shape = meseta.v1.TaskGroupInfo.$Properties;
        }

        /** TaskState enum. */
        enum TaskState {

            /** TASK_STARTING value */
            TASK_STARTING = 0,

            /** TASK_RUNNING value */
            TASK_RUNNING = 1,

            /** TASK_FINISHED value */
            TASK_FINISHED = 2,

            /** TASK_FAILED value */
            TASK_FAILED = 3,

            /** TASK_KILLED value */
            TASK_KILLED = 4,

            /** TASK_LOST value */
            TASK_LOST = 5,

            /** TASK_STAGING value */
            TASK_STAGING = 6,

            /** TASK_ERROR value */
            TASK_ERROR = 7,

            /** TASK_KILLING value */
            TASK_KILLING = 8,

            /** TASK_DROPPED value */
            TASK_DROPPED = 9,

            /** TASK_UNREACHABLE value */
            TASK_UNREACHABLE = 10,

            /** TASK_GONE value */
            TASK_GONE = 11,

            /** TASK_GONE_BY_OPERATOR value */
            TASK_GONE_BY_OPERATOR = 12,

            /** TASK_UNKNOWN value */
            TASK_UNKNOWN = 13
        }

        /**
         * Properties of a TaskStatus.
         * @deprecated Use meseta.v1.TaskStatus.$Properties instead.
         */
        interface ITaskStatus extends meseta.v1.TaskStatus.$Properties {
        }

        /** Represents a TaskStatus. */
        class TaskStatus {

            /**
             * Constructs a new TaskStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TaskStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskStatus task_id. */
            task_id?: (meseta.v1.TaskID.$Properties|null);

            /** TaskStatus state. */
            state: meseta.v1.TaskState;

            /** TaskStatus message. */
            message: string;

            /** TaskStatus source. */
            source: meseta.v1.TaskStatus.Source;

            /** TaskStatus reason. */
            reason: meseta.v1.TaskStatus.Reason;

            /** TaskStatus data. */
            data: Uint8Array;

            /** TaskStatus agent_id. */
            agent_id?: (meseta.v1.AgentID.$Properties|null);

            /** TaskStatus executor_id. */
            executor_id?: (meseta.v1.ExecutorID.$Properties|null);

            /** TaskStatus timestamp. */
            timestamp: number;

            /** TaskStatus uuid. */
            uuid: Uint8Array;

            /** TaskStatus healthy. */
            healthy: boolean;

            /** TaskStatus labels. */
            labels?: (meseta.v1.Labels.$Properties|null);

            /** TaskStatus container_id. */
            container_id?: (meseta.v1.ContainerID.$Properties|null);

            /** TaskStatus exit_code. */
            exit_code: number;

            /** TaskStatus signal. */
            signal: number;

            /**
             * Creates a new TaskStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskStatus instance
             */
            static create(properties: meseta.v1.TaskStatus.$Shape): meseta.v1.TaskStatus & meseta.v1.TaskStatus.$Shape;
            static create(properties?: meseta.v1.TaskStatus.$Properties): meseta.v1.TaskStatus;

            /**
             * Encodes the specified TaskStatus message. Does not implicitly {@link meseta.v1.TaskStatus.verify|verify} messages.
             * @param message TaskStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TaskStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TaskStatus & meseta.v1.TaskStatus.$Shape} TaskStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TaskStatus & meseta.v1.TaskStatus.$Shape;

            /**
             * Creates a TaskStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskStatus
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TaskStatus;

            /**
             * Creates a plain object from a TaskStatus message. Also converts values to other types if specified.
             * @param message TaskStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TaskStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskStatus {

            /** Properties of a TaskStatus. */
            interface $Properties {

                /** TaskStatus task_id */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** TaskStatus state */
                state?: (meseta.v1.TaskState|null);

                /** TaskStatus message */
                message?: (string|null);

                /** TaskStatus source */
                source?: (meseta.v1.TaskStatus.Source|null);

                /** TaskStatus reason */
                reason?: (meseta.v1.TaskStatus.Reason|null);

                /** TaskStatus data */
                data?: (Uint8Array|null);

                /** TaskStatus agent_id */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** TaskStatus executor_id */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** TaskStatus timestamp */
                timestamp?: (number|null);

                /** TaskStatus uuid */
                uuid?: (Uint8Array|null);

                /** TaskStatus healthy */
                healthy?: (boolean|null);

                /** TaskStatus labels */
                labels?: (meseta.v1.Labels.$Properties|null);

                /** TaskStatus container_id */
                container_id?: (meseta.v1.ContainerID.$Properties|null);

                /** TaskStatus exit_code */
                exit_code?: (number|null);

                /** TaskStatus signal */
                signal?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskStatus. */
            type $Shape = meseta.v1.TaskStatus.$Properties;

            /** Source enum. */
            enum Source {

                /** SOURCE_MASTER value */
                SOURCE_MASTER = 0,

                /** SOURCE_AGENT value */
                SOURCE_AGENT = 1,

                /** SOURCE_EXECUTOR value */
                SOURCE_EXECUTOR = 2
            }

            /** Reason enum. */
            enum Reason {

                /** REASON_COMMAND_EXECUTOR_FAILED value */
                REASON_COMMAND_EXECUTOR_FAILED = 0,

                /** REASON_CONTAINER_LAUNCH_FAILED value */
                REASON_CONTAINER_LAUNCH_FAILED = 21,

                /** REASON_CONTAINER_LIMITATION value */
                REASON_CONTAINER_LIMITATION = 19,

                /** REASON_CONTAINER_LIMITATION_DISK value */
                REASON_CONTAINER_LIMITATION_DISK = 20,

                /** REASON_CONTAINER_LIMITATION_MEMORY value */
                REASON_CONTAINER_LIMITATION_MEMORY = 8,

                /** REASON_CONTAINER_PREEMPTED value */
                REASON_CONTAINER_PREEMPTED = 17,

                /** REASON_EXECUTOR_TERMINATED value */
                REASON_EXECUTOR_TERMINATED = 1,

                /** REASON_EXECUTOR_UNREGISTERED value */
                REASON_EXECUTOR_UNREGISTERED = 2,

                /** REASON_FRAMEWORK_REMOVED value */
                REASON_FRAMEWORK_REMOVED = 3,

                /** REASON_INVALID_FRAMEWORKID value */
                REASON_INVALID_FRAMEWORKID = 5,

                /** REASON_INVALID_OFFERS value */
                REASON_INVALID_OFFERS = 6,

                /** REASON_MASTER_DISCONNECTED value */
                REASON_MASTER_DISCONNECTED = 7,

                /** REASON_RECONCILIATION value */
                REASON_RECONCILIATION = 9,

                /** REASON_RESOURCES_UNKNOWN value */
                REASON_RESOURCES_UNKNOWN = 18,

                /** REASON_AGENT_DISCONNECTED value */
                REASON_AGENT_DISCONNECTED = 10,

                /** REASON_AGENT_REMOVED value */
                REASON_AGENT_REMOVED = 11,

                /** REASON_AGENT_RESTARTED value */
                REASON_AGENT_RESTARTED = 12,

                /** REASON_AGENT_UNKNOWN value */
                REASON_AGENT_UNKNOWN = 13,

                /** REASON_TASK_INVALID value */
                REASON_TASK_INVALID = 14,

                /** REASON_TASK_UNAUTHORIZED value */
                REASON_TASK_UNAUTHORIZED = 15,

                /** REASON_TASK_UNKNOWN value */
                REASON_TASK_UNKNOWN = 16,

                /** REASON_TASK_KILLED_DURING_LAUNCH value */
                REASON_TASK_KILLED_DURING_LAUNCH = 30,

                /** REASON_TASK_HEALTH_CHECK_STATUS_UPDATED value */
                REASON_TASK_HEALTH_CHECK_STATUS_UPDATED = 31,

                /** REASON_TASK_GROUP_INVALID value */
                REASON_TASK_GROUP_INVALID = 25,

                /** REASON_CONTAINER_UPDATE_FAILED value */
                REASON_CONTAINER_UPDATE_FAILED = 22,

                /** REASON_IO_SWITCHBOARD_EXITED value */
                REASON_IO_SWITCHBOARD_EXITED = 27,

                /** REASON_MAX_COMPLETED_TASKS value */
                REASON_MAX_COMPLETED_TASKS = 35,

                /** REASON_TASK_USER_UNKNOWN value */
                REASON_TASK_USER_UNKNOWN = 1001,

                /** REASON_SECRET_UNRESOLVED value */
                REASON_SECRET_UNRESOLVED = 1002
            }
        }

        /**
         * Properties of a Filters.
         * @deprecated Use meseta.v1.Filters.$Properties instead.
         */
        interface IFilters extends meseta.v1.Filters.$Properties {
        }

        /** Represents a Filters. */
        class Filters {

            /**
             * Constructs a new Filters.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Filters.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Filters refuse_seconds. */
            refuse_seconds: number;

            /**
             * Creates a new Filters instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Filters instance
             */
            static create(properties: meseta.v1.Filters.$Shape): meseta.v1.Filters & meseta.v1.Filters.$Shape;
            static create(properties?: meseta.v1.Filters.$Properties): meseta.v1.Filters;

            /**
             * Encodes the specified Filters message. Does not implicitly {@link meseta.v1.Filters.verify|verify} messages.
             * @param message Filters message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Filters.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Filters message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Filters & meseta.v1.Filters.$Shape} Filters
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Filters & meseta.v1.Filters.$Shape;

            /**
             * Creates a Filters message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Filters
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Filters;

            /**
             * Creates a plain object from a Filters message. Also converts values to other types if specified.
             * @param message Filters
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Filters, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Filters to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Filters {

            /** Properties of a Filters. */
            interface $Properties {

                /** Filters refuse_seconds */
                refuse_seconds?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Filters. */
            type $Shape = meseta.v1.Filters.$Properties;
        }

        /**
         * Properties of an InsufficientResource.
         * @deprecated Use meseta.v1.InsufficientResource.$Properties instead.
         */
        interface IInsufficientResource extends meseta.v1.InsufficientResource.$Properties {
        }

        /** Represents an InsufficientResource. */
        class InsufficientResource {

            /**
             * Constructs a new InsufficientResource.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.InsufficientResource.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** InsufficientResource name. */
            name: string;

            /** InsufficientResource requested. */
            requested: number;

            /** InsufficientResource available. */
            available: number;

            /** InsufficientResource message. */
            message: string;

            /** InsufficientResource task_id. */
            task_id?: (meseta.v1.TaskID.$Properties|null);

            /** InsufficientResource code. */
            code: meseta.v1.InsufficientResource.Code;

            /**
             * Creates a new InsufficientResource instance using the specified properties.
             * @param [properties] Properties to set
             * @returns InsufficientResource instance
             */
            static create(properties: meseta.v1.InsufficientResource.$Shape): meseta.v1.InsufficientResource & meseta.v1.InsufficientResource.$Shape;
            static create(properties?: meseta.v1.InsufficientResource.$Properties): meseta.v1.InsufficientResource;

            /**
             * Encodes the specified InsufficientResource message. Does not implicitly {@link meseta.v1.InsufficientResource.verify|verify} messages.
             * @param message InsufficientResource message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.InsufficientResource.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an InsufficientResource message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.InsufficientResource & meseta.v1.InsufficientResource.$Shape} InsufficientResource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.InsufficientResource & meseta.v1.InsufficientResource.$Shape;

            /**
             * Creates an InsufficientResource message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns InsufficientResource
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.InsufficientResource;

            /**
             * Creates a plain object from an InsufficientResource message. Also converts values to other types if specified.
             * @param message InsufficientResource
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.InsufficientResource, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this InsufficientResource to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace InsufficientResource {

            /** Properties of an InsufficientResource. */
            interface $Properties {

                /** InsufficientResource name */
                name?: (string|null);

                /** InsufficientResource requested */
                requested?: (number|null);

                /** InsufficientResource available */
                available?: (number|null);

                /** InsufficientResource message */
                message?: (string|null);

                /** InsufficientResource task_id */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** InsufficientResource code */
                code?: (meseta.v1.InsufficientResource.Code|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an InsufficientResource. */
            type $Shape = meseta.v1.InsufficientResource.$Properties;

            /** Code enum. */
            enum Code {

                /** CODE_UNSPECIFIED value */
                CODE_UNSPECIFIED = 0,

                /** NOT_NOW value */
                NOT_NOW = 1,

                /** NEVER value */
                NEVER = 2
            }
        }

        /**
         * Properties of a FrameworkInfo.
         * @deprecated Use meseta.v1.FrameworkInfo.$Properties instead.
         */
        interface IFrameworkInfo extends meseta.v1.FrameworkInfo.$Properties {
        }

        /** Represents a FrameworkInfo. */
        class FrameworkInfo {

            /**
             * Constructs a new FrameworkInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.FrameworkInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FrameworkInfo user. */
            user: string;

            /** FrameworkInfo name. */
            name: string;

            /** FrameworkInfo id. */
            id?: (meseta.v1.FrameworkID.$Properties|null);

            /** FrameworkInfo failover_timeout. */
            failover_timeout: number;

            /** FrameworkInfo checkpoint. */
            checkpoint: boolean;

            /** FrameworkInfo role. */
            role: string;

            /** FrameworkInfo roles. */
            roles: string[];

            /** FrameworkInfo hostname. */
            hostname: string;

            /** FrameworkInfo principal. */
            principal: string;

            /** FrameworkInfo webui_url. */
            webui_url: string;

            /** FrameworkInfo capabilities. */
            capabilities: meseta.v1.FrameworkInfo.Capability.$Properties[];

            /** FrameworkInfo labels. */
            labels?: (meseta.v1.Labels.$Properties|null);

            /**
             * Creates a new FrameworkInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FrameworkInfo instance
             */
            static create(properties: meseta.v1.FrameworkInfo.$Shape): meseta.v1.FrameworkInfo & meseta.v1.FrameworkInfo.$Shape;
            static create(properties?: meseta.v1.FrameworkInfo.$Properties): meseta.v1.FrameworkInfo;

            /**
             * Encodes the specified FrameworkInfo message. Does not implicitly {@link meseta.v1.FrameworkInfo.verify|verify} messages.
             * @param message FrameworkInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.FrameworkInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FrameworkInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.FrameworkInfo & meseta.v1.FrameworkInfo.$Shape} FrameworkInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.FrameworkInfo & meseta.v1.FrameworkInfo.$Shape;

            /**
             * Creates a FrameworkInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FrameworkInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.FrameworkInfo;

            /**
             * Creates a plain object from a FrameworkInfo message. Also converts values to other types if specified.
             * @param message FrameworkInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.FrameworkInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FrameworkInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace FrameworkInfo {

            /** Properties of a FrameworkInfo. */
            interface $Properties {

                /** FrameworkInfo user */
                user?: (string|null);

                /** FrameworkInfo name */
                name?: (string|null);

                /** FrameworkInfo id */
                id?: (meseta.v1.FrameworkID.$Properties|null);

                /** FrameworkInfo failover_timeout */
                failover_timeout?: (number|null);

                /** FrameworkInfo checkpoint */
                checkpoint?: (boolean|null);

                /** FrameworkInfo role */
                role?: (string|null);

                /** FrameworkInfo roles */
                roles?: (string[]|null);

                /** FrameworkInfo hostname */
                hostname?: (string|null);

                /** FrameworkInfo principal */
                principal?: (string|null);

                /** FrameworkInfo webui_url */
                webui_url?: (string|null);

                /** FrameworkInfo capabilities */
                capabilities?: (meseta.v1.FrameworkInfo.Capability.$Properties[]|null);

                /** FrameworkInfo labels */
                labels?: (meseta.v1.Labels.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FrameworkInfo. */
            type $Shape = meseta.v1.FrameworkInfo.$Properties;

            /**
             * Properties of a Capability.
             * @deprecated Use meseta.v1.FrameworkInfo.Capability.$Properties instead.
             */
            interface ICapability extends meseta.v1.FrameworkInfo.Capability.$Properties {
            }

            /** Represents a Capability. */
            class Capability {

                /**
                 * Constructs a new Capability.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.FrameworkInfo.Capability.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Capability type. */
                type: meseta.v1.FrameworkInfo.Capability.Type;

                /**
                 * Creates a new Capability instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Capability instance
                 */
                static create(properties: meseta.v1.FrameworkInfo.Capability.$Shape): meseta.v1.FrameworkInfo.Capability & meseta.v1.FrameworkInfo.Capability.$Shape;
                static create(properties?: meseta.v1.FrameworkInfo.Capability.$Properties): meseta.v1.FrameworkInfo.Capability;

                /**
                 * Encodes the specified Capability message. Does not implicitly {@link meseta.v1.FrameworkInfo.Capability.verify|verify} messages.
                 * @param message Capability message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.FrameworkInfo.Capability.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Capability message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.FrameworkInfo.Capability & meseta.v1.FrameworkInfo.Capability.$Shape} Capability
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.FrameworkInfo.Capability & meseta.v1.FrameworkInfo.Capability.$Shape;

                /**
                 * Creates a Capability message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Capability
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.FrameworkInfo.Capability;

                /**
                 * Creates a plain object from a Capability message. Also converts values to other types if specified.
                 * @param message Capability
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.FrameworkInfo.Capability, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Capability to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Capability {

                /** Properties of a Capability. */
                interface $Properties {

                    /** Capability type */
                    type?: (meseta.v1.FrameworkInfo.Capability.Type|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Capability. */
                type $Shape = meseta.v1.FrameworkInfo.Capability.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** REVOCABLE_RESOURCES value */
                    REVOCABLE_RESOURCES = 1,

                    /** TASK_KILLING_STATE value */
                    TASK_KILLING_STATE = 2,

                    /** GPU_RESOURCES value */
                    GPU_RESOURCES = 3,

                    /** SHARED_RESOURCES value */
                    SHARED_RESOURCES = 4,

                    /** PARTITION_AWARE value */
                    PARTITION_AWARE = 5,

                    /** MULTI_ROLE value */
                    MULTI_ROLE = 6,

                    /** RESERVATION_REFINEMENT value */
                    RESERVATION_REFINEMENT = 7,

                    /** REGION_AWARE value */
                    REGION_AWARE = 8
                }
            }
        }

        /**
         * Properties of an Address.
         * @deprecated Use meseta.v1.Address.$Properties instead.
         */
        interface IAddress extends meseta.v1.Address.$Properties {
        }

        /** Represents an Address. */
        class Address {

            /**
             * Constructs a new Address.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Address.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Address hostname. */
            hostname: string;

            /** Address ip. */
            ip: string;

            /** Address port. */
            port: number;

            /**
             * Creates a new Address instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Address instance
             */
            static create(properties: meseta.v1.Address.$Shape): meseta.v1.Address & meseta.v1.Address.$Shape;
            static create(properties?: meseta.v1.Address.$Properties): meseta.v1.Address;

            /**
             * Encodes the specified Address message. Does not implicitly {@link meseta.v1.Address.verify|verify} messages.
             * @param message Address message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Address.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Address message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Address & meseta.v1.Address.$Shape} Address
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Address & meseta.v1.Address.$Shape;

            /**
             * Creates an Address message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Address
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Address;

            /**
             * Creates a plain object from an Address message. Also converts values to other types if specified.
             * @param message Address
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Address, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Address to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Address {

            /** Properties of an Address. */
            interface $Properties {

                /** Address hostname */
                hostname?: (string|null);

                /** Address ip */
                ip?: (string|null);

                /** Address port */
                port?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Address. */
            type $Shape = meseta.v1.Address.$Properties;
        }

        /**
         * Properties of a MasterInfo.
         * @deprecated Use meseta.v1.MasterInfo.$Properties instead.
         */
        interface IMasterInfo extends meseta.v1.MasterInfo.$Properties {
        }

        /** Represents a MasterInfo. */
        class MasterInfo {

            /**
             * Constructs a new MasterInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.MasterInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MasterInfo id. */
            id: string;

            /** MasterInfo port. */
            port: number;

            /** MasterInfo hostname. */
            hostname: string;

            /** MasterInfo version. */
            version: string;

            /** MasterInfo address. */
            address?: (meseta.v1.Address.$Properties|null);

            /**
             * Creates a new MasterInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MasterInfo instance
             */
            static create(properties: meseta.v1.MasterInfo.$Shape): meseta.v1.MasterInfo & meseta.v1.MasterInfo.$Shape;
            static create(properties?: meseta.v1.MasterInfo.$Properties): meseta.v1.MasterInfo;

            /**
             * Encodes the specified MasterInfo message. Does not implicitly {@link meseta.v1.MasterInfo.verify|verify} messages.
             * @param message MasterInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.MasterInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MasterInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.MasterInfo & meseta.v1.MasterInfo.$Shape} MasterInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MasterInfo & meseta.v1.MasterInfo.$Shape;

            /**
             * Creates a MasterInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns MasterInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.MasterInfo;

            /**
             * Creates a plain object from a MasterInfo message. Also converts values to other types if specified.
             * @param message MasterInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.MasterInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MasterInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace MasterInfo {

            /** Properties of a MasterInfo. */
            interface $Properties {

                /** MasterInfo id */
                id?: (string|null);

                /** MasterInfo port */
                port?: (number|null);

                /** MasterInfo hostname */
                hostname?: (string|null);

                /** MasterInfo version */
                version?: (string|null);

                /** MasterInfo address */
                address?: (meseta.v1.Address.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MasterInfo. */
            type $Shape = meseta.v1.MasterInfo.$Properties;
        }

        /**
         * Properties of an AgentInfo.
         * @deprecated Use meseta.v1.AgentInfo.$Properties instead.
         */
        interface IAgentInfo extends meseta.v1.AgentInfo.$Properties {
        }

        /** Represents an AgentInfo. */
        class AgentInfo {

            /**
             * Constructs a new AgentInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.AgentInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AgentInfo hostname. */
            hostname: string;

            /** AgentInfo port. */
            port: number;

            /** AgentInfo resources. */
            resources: meseta.v1.Resource.$Properties[];

            /** AgentInfo attributes. */
            attributes: meseta.v1.Attribute.$Properties[];

            /** AgentInfo id. */
            id?: (meseta.v1.AgentID.$Properties|null);

            /** AgentInfo ip. */
            ip: string;

            /**
             * Creates a new AgentInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AgentInfo instance
             */
            static create(properties: meseta.v1.AgentInfo.$Shape): meseta.v1.AgentInfo & meseta.v1.AgentInfo.$Shape;
            static create(properties?: meseta.v1.AgentInfo.$Properties): meseta.v1.AgentInfo;

            /**
             * Encodes the specified AgentInfo message. Does not implicitly {@link meseta.v1.AgentInfo.verify|verify} messages.
             * @param message AgentInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.AgentInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AgentInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.AgentInfo & meseta.v1.AgentInfo.$Shape} AgentInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentInfo & meseta.v1.AgentInfo.$Shape;

            /**
             * Creates an AgentInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AgentInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.AgentInfo;

            /**
             * Creates a plain object from an AgentInfo message. Also converts values to other types if specified.
             * @param message AgentInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.AgentInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AgentInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AgentInfo {

            /** Properties of an AgentInfo. */
            interface $Properties {

                /** AgentInfo hostname */
                hostname?: (string|null);

                /** AgentInfo port */
                port?: (number|null);

                /** AgentInfo resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** AgentInfo attributes */
                attributes?: (meseta.v1.Attribute.$Properties[]|null);

                /** AgentInfo id */
                id?: (meseta.v1.AgentID.$Properties|null);

                /** AgentInfo ip */
                ip?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AgentInfo. */
            type $Shape = meseta.v1.AgentInfo.$Properties;
        }

        /**
         * Properties of an Offer.
         * @deprecated Use meseta.v1.Offer.$Properties instead.
         */
        interface IOffer extends meseta.v1.Offer.$Properties {
        }

        /** Represents an Offer. */
        class Offer {

            /**
             * Constructs a new Offer.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Offer.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Offer id. */
            id?: (meseta.v1.OfferID.$Properties|null);

            /** Offer framework_id. */
            framework_id?: (meseta.v1.FrameworkID.$Properties|null);

            /** Offer agent_id. */
            agent_id?: (meseta.v1.AgentID.$Properties|null);

            /** Offer hostname. */
            hostname: string;

            /** Offer resources. */
            resources: meseta.v1.Resource.$Properties[];

            /** Offer attributes. */
            attributes: meseta.v1.Attribute.$Properties[];

            /** Offer executor_ids. */
            executor_ids: meseta.v1.ExecutorID.$Properties[];

            /** Offer agent_address. */
            agent_address?: (meseta.v1.Address.$Properties|null);

            /**
             * Creates a new Offer instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Offer instance
             */
            static create(properties: meseta.v1.Offer.$Shape): meseta.v1.Offer & meseta.v1.Offer.$Shape;
            static create(properties?: meseta.v1.Offer.$Properties): meseta.v1.Offer;

            /**
             * Encodes the specified Offer message. Does not implicitly {@link meseta.v1.Offer.verify|verify} messages.
             * @param message Offer message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Offer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Offer message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Offer & meseta.v1.Offer.$Shape} Offer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Offer & meseta.v1.Offer.$Shape;

            /**
             * Creates an Offer message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Offer
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Offer;

            /**
             * Creates a plain object from an Offer message. Also converts values to other types if specified.
             * @param message Offer
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Offer, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Offer to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Offer {

            /** Properties of an Offer. */
            interface $Properties {

                /** Offer id */
                id?: (meseta.v1.OfferID.$Properties|null);

                /** Offer framework_id */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Offer agent_id */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Offer hostname */
                hostname?: (string|null);

                /** Offer resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** Offer attributes */
                attributes?: (meseta.v1.Attribute.$Properties[]|null);

                /** Offer executor_ids */
                executor_ids?: (meseta.v1.ExecutorID.$Properties[]|null);

                /** Offer agent_address */
                agent_address?: (meseta.v1.Address.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Offer. */
            type $Shape = meseta.v1.Offer.$Properties;

            /**
             * Properties of an Operation.
             * @deprecated Use meseta.v1.Offer.Operation.$Properties instead.
             */
            interface IOperation extends meseta.v1.Offer.Operation.$Properties {
            }

            /** Represents an Operation. */
            class Operation {

                /**
                 * Constructs a new Operation.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Offer.Operation.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Operation type. */
                type: meseta.v1.Offer.Operation.Type;

                /** Operation launch. */
                launch?: (meseta.v1.Offer.Operation.Launch.$Properties|null);

                /** Operation launch_group. */
                launch_group?: (meseta.v1.Offer.Operation.LaunchGroup.$Properties|null);

                /** Operation reserve. */
                reserve?: (meseta.v1.Offer.Operation.Reserve.$Properties|null);

                /** Operation unreserve. */
                unreserve?: (meseta.v1.Offer.Operation.Unreserve.$Properties|null);

                /**
                 * Creates a new Operation instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Operation instance
                 */
                static create(properties: meseta.v1.Offer.Operation.$Shape): meseta.v1.Offer.Operation & meseta.v1.Offer.Operation.$Shape;
                static create(properties?: meseta.v1.Offer.Operation.$Properties): meseta.v1.Offer.Operation;

                /**
                 * Encodes the specified Operation message. Does not implicitly {@link meseta.v1.Offer.Operation.verify|verify} messages.
                 * @param message Operation message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Offer.Operation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Operation message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Offer.Operation & meseta.v1.Offer.Operation.$Shape} Operation
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Offer.Operation & meseta.v1.Offer.Operation.$Shape;

                /**
                 * Creates an Operation message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Operation
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Offer.Operation;

                /**
                 * Creates a plain object from an Operation message. Also converts values to other types if specified.
                 * @param message Operation
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Offer.Operation, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Operation to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Operation {

                /** Properties of an Operation. */
                interface $Properties {

                    /** Operation type */
                    type?: (meseta.v1.Offer.Operation.Type|null);

                    /** Operation launch */
                    launch?: (meseta.v1.Offer.Operation.Launch.$Properties|null);

                    /** Operation launch_group */
                    launch_group?: (meseta.v1.Offer.Operation.LaunchGroup.$Properties|null);

                    /** Operation reserve */
                    reserve?: (meseta.v1.Offer.Operation.Reserve.$Properties|null);

                    /** Operation unreserve */
                    unreserve?: (meseta.v1.Offer.Operation.Unreserve.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Operation. */
                type $Shape = meseta.v1.Offer.Operation.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** LAUNCH value */
                    LAUNCH = 1,

                    /** LAUNCH_GROUP value */
                    LAUNCH_GROUP = 6,

                    /** RESERVE value */
                    RESERVE = 2,

                    /** UNRESERVE value */
                    UNRESERVE = 3,

                    /** CREATE value */
                    CREATE = 4,

                    /** DESTROY value */
                    DESTROY = 5
                }

                /**
                 * Properties of a Launch.
                 * @deprecated Use meseta.v1.Offer.Operation.Launch.$Properties instead.
                 */
                interface ILaunch extends meseta.v1.Offer.Operation.Launch.$Properties {
                }

                /** Represents a Launch. */
                class Launch {

                    /**
                     * Constructs a new Launch.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.Offer.Operation.Launch.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Launch task_infos. */
                    task_infos: meseta.v1.TaskInfo.$Properties[];

                    /**
                     * Creates a new Launch instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Launch instance
                     */
                    static create(properties: meseta.v1.Offer.Operation.Launch.$Shape): meseta.v1.Offer.Operation.Launch & meseta.v1.Offer.Operation.Launch.$Shape;
                    static create(properties?: meseta.v1.Offer.Operation.Launch.$Properties): meseta.v1.Offer.Operation.Launch;

                    /**
                     * Encodes the specified Launch message. Does not implicitly {@link meseta.v1.Offer.Operation.Launch.verify|verify} messages.
                     * @param message Launch message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.Offer.Operation.Launch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Launch message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.Offer.Operation.Launch & meseta.v1.Offer.Operation.Launch.$Shape} Launch
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Offer.Operation.Launch & meseta.v1.Offer.Operation.Launch.$Shape;

                    /**
                     * Creates a Launch message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Launch
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.Offer.Operation.Launch;

                    /**
                     * Creates a plain object from a Launch message. Also converts values to other types if specified.
                     * @param message Launch
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.Offer.Operation.Launch, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Launch to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Launch {

                    /** Properties of a Launch. */
                    interface $Properties {

                        /** Launch task_infos */
                        task_infos?: (meseta.v1.TaskInfo.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Launch. */
                    type $Shape = meseta.v1.Offer.Operation.Launch.$Properties;
                }

                /**
                 * Properties of a LaunchGroup.
                 * @deprecated Use meseta.v1.Offer.Operation.LaunchGroup.$Properties instead.
                 */
                interface ILaunchGroup extends meseta.v1.Offer.Operation.LaunchGroup.$Properties {
                }

                /** Represents a LaunchGroup. */
                class LaunchGroup {

                    /**
                     * Constructs a new LaunchGroup.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.Offer.Operation.LaunchGroup.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LaunchGroup executor. */
                    executor?: (meseta.v1.ExecutorInfo.$Properties|null);

                    /** LaunchGroup task_group. */
                    task_group?: (meseta.v1.TaskGroupInfo.$Properties|null);

                    /**
                     * Creates a new LaunchGroup instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns LaunchGroup instance
                     */
                    static create(properties: meseta.v1.Offer.Operation.LaunchGroup.$Shape): meseta.v1.Offer.Operation.LaunchGroup & meseta.v1.Offer.Operation.LaunchGroup.$Shape;
                    static create(properties?: meseta.v1.Offer.Operation.LaunchGroup.$Properties): meseta.v1.Offer.Operation.LaunchGroup;

                    /**
                     * Encodes the specified LaunchGroup message. Does not implicitly {@link meseta.v1.Offer.Operation.LaunchGroup.verify|verify} messages.
                     * @param message LaunchGroup message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.Offer.Operation.LaunchGroup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LaunchGroup message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.Offer.Operation.LaunchGroup & meseta.v1.Offer.Operation.LaunchGroup.$Shape} LaunchGroup
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Offer.Operation.LaunchGroup & meseta.v1.Offer.Operation.LaunchGroup.$Shape;

                    /**
                     * Creates a LaunchGroup message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns LaunchGroup
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.Offer.Operation.LaunchGroup;

                    /**
                     * Creates a plain object from a LaunchGroup message. Also converts values to other types if specified.
                     * @param message LaunchGroup
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.Offer.Operation.LaunchGroup, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this LaunchGroup to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace LaunchGroup {

                    /** Properties of a LaunchGroup. */
                    interface $Properties {

                        /** LaunchGroup executor */
                        executor?: (meseta.v1.ExecutorInfo.$Properties|null);

                        /** LaunchGroup task_group */
                        task_group?: (meseta.v1.TaskGroupInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LaunchGroup. */
                    type $Shape = meseta.v1.Offer.Operation.LaunchGroup.$Properties;
                }

                /**
                 * Properties of a Reserve.
                 * @deprecated Use meseta.v1.Offer.Operation.Reserve.$Properties instead.
                 */
                interface IReserve extends meseta.v1.Offer.Operation.Reserve.$Properties {
                }

                /** Represents a Reserve. */
                class Reserve {

                    /**
                     * Constructs a new Reserve.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.Offer.Operation.Reserve.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Reserve resources. */
                    resources: meseta.v1.Resource.$Properties[];

                    /**
                     * Creates a new Reserve instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Reserve instance
                     */
                    static create(properties: meseta.v1.Offer.Operation.Reserve.$Shape): meseta.v1.Offer.Operation.Reserve & meseta.v1.Offer.Operation.Reserve.$Shape;
                    static create(properties?: meseta.v1.Offer.Operation.Reserve.$Properties): meseta.v1.Offer.Operation.Reserve;

                    /**
                     * Encodes the specified Reserve message. Does not implicitly {@link meseta.v1.Offer.Operation.Reserve.verify|verify} messages.
                     * @param message Reserve message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.Offer.Operation.Reserve.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Reserve message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.Offer.Operation.Reserve & meseta.v1.Offer.Operation.Reserve.$Shape} Reserve
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Offer.Operation.Reserve & meseta.v1.Offer.Operation.Reserve.$Shape;

                    /**
                     * Creates a Reserve message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Reserve
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.Offer.Operation.Reserve;

                    /**
                     * Creates a plain object from a Reserve message. Also converts values to other types if specified.
                     * @param message Reserve
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.Offer.Operation.Reserve, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Reserve to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Reserve {

                    /** Properties of a Reserve. */
                    interface $Properties {

                        /** Reserve resources */
                        resources?: (meseta.v1.Resource.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Reserve. */
                    type $Shape = meseta.v1.Offer.Operation.Reserve.$Properties;
                }

                /**
                 * Properties of an Unreserve.
                 * @deprecated Use meseta.v1.Offer.Operation.Unreserve.$Properties instead.
                 */
                interface IUnreserve extends meseta.v1.Offer.Operation.Unreserve.$Properties {
                }

                /** Represents an Unreserve. */
                class Unreserve {

                    /**
                     * Constructs a new Unreserve.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.Offer.Operation.Unreserve.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Unreserve resources. */
                    resources: meseta.v1.Resource.$Properties[];

                    /**
                     * Creates a new Unreserve instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Unreserve instance
                     */
                    static create(properties: meseta.v1.Offer.Operation.Unreserve.$Shape): meseta.v1.Offer.Operation.Unreserve & meseta.v1.Offer.Operation.Unreserve.$Shape;
                    static create(properties?: meseta.v1.Offer.Operation.Unreserve.$Properties): meseta.v1.Offer.Operation.Unreserve;

                    /**
                     * Encodes the specified Unreserve message. Does not implicitly {@link meseta.v1.Offer.Operation.Unreserve.verify|verify} messages.
                     * @param message Unreserve message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.Offer.Operation.Unreserve.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an Unreserve message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.Offer.Operation.Unreserve & meseta.v1.Offer.Operation.Unreserve.$Shape} Unreserve
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Offer.Operation.Unreserve & meseta.v1.Offer.Operation.Unreserve.$Shape;

                    /**
                     * Creates an Unreserve message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Unreserve
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.Offer.Operation.Unreserve;

                    /**
                     * Creates a plain object from an Unreserve message. Also converts values to other types if specified.
                     * @param message Unreserve
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.Offer.Operation.Unreserve, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Unreserve to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Unreserve {

                    /** Properties of an Unreserve. */
                    interface $Properties {

                        /** Unreserve resources */
                        resources?: (meseta.v1.Resource.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an Unreserve. */
                    type $Shape = meseta.v1.Offer.Operation.Unreserve.$Properties;
                }
            }
        }

        /**
         * Properties of a Task.
         * @deprecated Use meseta.v1.Task.$Properties instead.
         */
        interface ITask extends meseta.v1.Task.$Properties {
        }

        /** Represents a Task. */
        class Task {

            /**
             * Constructs a new Task.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Task.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Task name. */
            name: string;

            /** Task task_id. */
            task_id?: (meseta.v1.TaskID.$Properties|null);

            /** Task framework_id. */
            framework_id?: (meseta.v1.FrameworkID.$Properties|null);

            /** Task executor_id. */
            executor_id?: (meseta.v1.ExecutorID.$Properties|null);

            /** Task agent_id. */
            agent_id?: (meseta.v1.AgentID.$Properties|null);

            /** Task state. */
            state: meseta.v1.TaskState;

            /** Task resources. */
            resources: meseta.v1.Resource.$Properties[];

            /** Task statuses. */
            statuses: meseta.v1.TaskStatus.$Properties[];

            /** Task status_update_state. */
            status_update_state: meseta.v1.TaskState;

            /** Task status_update_uuid. */
            status_update_uuid: Uint8Array;

            /** Task labels. */
            labels?: (meseta.v1.Labels.$Properties|null);

            /** Task container. */
            container?: (meseta.v1.ContainerInfo.$Properties|null);

            /** Task health_check. */
            health_check?: (meseta.v1.HealthCheck.$Properties|null);

            /** Task kill_policy. */
            kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

            /** Task user. */
            user: string;

            /** Task command. */
            command?: (meseta.v1.CommandInfo.$Properties|null);

            /**
             * Creates a new Task instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Task instance
             */
            static create(properties: meseta.v1.Task.$Shape): meseta.v1.Task & meseta.v1.Task.$Shape;
            static create(properties?: meseta.v1.Task.$Properties): meseta.v1.Task;

            /**
             * Encodes the specified Task message. Does not implicitly {@link meseta.v1.Task.verify|verify} messages.
             * @param message Task message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Task.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Task message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Task & meseta.v1.Task.$Shape} Task
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Task & meseta.v1.Task.$Shape;

            /**
             * Creates a Task message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Task
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Task;

            /**
             * Creates a plain object from a Task message. Also converts values to other types if specified.
             * @param message Task
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Task, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Task to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Task {

            /** Properties of a Task. */
            interface $Properties {

                /** Task name */
                name?: (string|null);

                /** Task task_id */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** Task framework_id */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Task executor_id */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Task agent_id */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Task state */
                state?: (meseta.v1.TaskState|null);

                /** Task resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** Task statuses */
                statuses?: (meseta.v1.TaskStatus.$Properties[]|null);

                /** Task status_update_state */
                status_update_state?: (meseta.v1.TaskState|null);

                /** Task status_update_uuid */
                status_update_uuid?: (Uint8Array|null);

                /** Task labels */
                labels?: (meseta.v1.Labels.$Properties|null);

                /** Task container */
                container?: (meseta.v1.ContainerInfo.$Properties|null);

                /** Task health_check */
                health_check?: (meseta.v1.HealthCheck.$Properties|null);

                /** Task kill_policy */
                kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                /** Task user */
                user?: (string|null);

                /** Task command */
                command?: (meseta.v1.CommandInfo.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Task. */
            type $Shape = meseta.v1.Task.$Properties;
        }

        /**
         * Properties of an ExecInput.
         * @deprecated Use meseta.v1.ExecInput.$Properties instead.
         */
        interface IExecInput extends meseta.v1.ExecInput.$Properties {
        }

        /** Represents an ExecInput. */
        class ExecInput {

            /**
             * Constructs a new ExecInput.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ExecInput.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ExecInput start. */
            start?: (meseta.v1.ExecInput.Start.$Properties|null);

            /** ExecInput stdin. */
            stdin: Uint8Array;

            /** ExecInput stdin_closed. */
            stdin_closed: boolean;

            /** ExecInput signal. */
            signal: number;

            /**
             * Creates a new ExecInput instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecInput instance
             */
            static create(properties: meseta.v1.ExecInput.$Shape): meseta.v1.ExecInput & meseta.v1.ExecInput.$Shape;
            static create(properties?: meseta.v1.ExecInput.$Properties): meseta.v1.ExecInput;

            /**
             * Encodes the specified ExecInput message. Does not implicitly {@link meseta.v1.ExecInput.verify|verify} messages.
             * @param message ExecInput message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ExecInput.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecInput message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ExecInput & meseta.v1.ExecInput.$Shape} ExecInput
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecInput & meseta.v1.ExecInput.$Shape;

            /**
             * Creates an ExecInput message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ExecInput
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ExecInput;

            /**
             * Creates a plain object from an ExecInput message. Also converts values to other types if specified.
             * @param message ExecInput
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ExecInput, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ExecInput to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ExecInput {

            /** Properties of an ExecInput. */
            interface $Properties {

                /** ExecInput start */
                start?: (meseta.v1.ExecInput.Start.$Properties|null);

                /** ExecInput stdin */
                stdin?: (Uint8Array|null);

                /** ExecInput stdin_closed */
                stdin_closed?: (boolean|null);

                /** ExecInput signal */
                signal?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ExecInput. */
            type $Shape = meseta.v1.ExecInput.$Properties;

            /**
             * Properties of a Start.
             * @deprecated Use meseta.v1.ExecInput.Start.$Properties instead.
             */
            interface IStart extends meseta.v1.ExecInput.Start.$Properties {
            }

            /** Represents a Start. */
            class Start {

                /**
                 * Constructs a new Start.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.ExecInput.Start.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Start framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Start task_id. */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** Start command. */
                command: string[];

                /** Start environment. */
                environment?: (meseta.v1.Environment.$Properties|null);

                /** Start working_directory. */
                working_directory: string;

                /**
                 * Creates a new Start instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Start instance
                 */
                static create(properties: meseta.v1.ExecInput.Start.$Shape): meseta.v1.ExecInput.Start & meseta.v1.ExecInput.Start.$Shape;
                static create(properties?: meseta.v1.ExecInput.Start.$Properties): meseta.v1.ExecInput.Start;

                /**
                 * Encodes the specified Start message. Does not implicitly {@link meseta.v1.ExecInput.Start.verify|verify} messages.
                 * @param message Start message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.ExecInput.Start.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Start message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.ExecInput.Start & meseta.v1.ExecInput.Start.$Shape} Start
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecInput.Start & meseta.v1.ExecInput.Start.$Shape;

                /**
                 * Creates a Start message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Start
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.ExecInput.Start;

                /**
                 * Creates a plain object from a Start message. Also converts values to other types if specified.
                 * @param message Start
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.ExecInput.Start, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Start to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Start {

                /** Properties of a Start. */
                interface $Properties {

                    /** Start framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** Start task_id */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Start command */
                    command?: (string[]|null);

                    /** Start environment */
                    environment?: (meseta.v1.Environment.$Properties|null);

                    /** Start working_directory */
                    working_directory?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Start. */
                type $Shape = meseta.v1.ExecInput.Start.$Properties;
            }
        }

        /**
         * Properties of an ExecOutput.
         * @deprecated Use meseta.v1.ExecOutput.$Properties instead.
         */
        interface IExecOutput extends meseta.v1.ExecOutput.$Properties {
        }

        /** Represents an ExecOutput. */
        class ExecOutput {

            /**
             * Constructs a new ExecOutput.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ExecOutput.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ExecOutput started. */
            started?: (meseta.v1.ExecOutput.Started.$Properties|null);

            /** ExecOutput stdout. */
            stdout: Uint8Array;

            /** ExecOutput stderr. */
            stderr: Uint8Array;

            /** ExecOutput exited. */
            exited?: (meseta.v1.ExecOutput.Exited.$Properties|null);

            /**
             * Creates a new ExecOutput instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ExecOutput instance
             */
            static create(properties: meseta.v1.ExecOutput.$Shape): meseta.v1.ExecOutput & meseta.v1.ExecOutput.$Shape;
            static create(properties?: meseta.v1.ExecOutput.$Properties): meseta.v1.ExecOutput;

            /**
             * Encodes the specified ExecOutput message. Does not implicitly {@link meseta.v1.ExecOutput.verify|verify} messages.
             * @param message ExecOutput message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ExecOutput.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an ExecOutput message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ExecOutput & meseta.v1.ExecOutput.$Shape} ExecOutput
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecOutput & meseta.v1.ExecOutput.$Shape;

            /**
             * Creates an ExecOutput message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ExecOutput
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ExecOutput;

            /**
             * Creates a plain object from an ExecOutput message. Also converts values to other types if specified.
             * @param message ExecOutput
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ExecOutput, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ExecOutput to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ExecOutput {

            /** Properties of an ExecOutput. */
            interface $Properties {

                /** ExecOutput started */
                started?: (meseta.v1.ExecOutput.Started.$Properties|null);

                /** ExecOutput stdout */
                stdout?: (Uint8Array|null);

                /** ExecOutput stderr */
                stderr?: (Uint8Array|null);

                /** ExecOutput exited */
                exited?: (meseta.v1.ExecOutput.Exited.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an ExecOutput. */
            type $Shape = meseta.v1.ExecOutput.$Properties;

            /**
             * Properties of a Started.
             * @deprecated Use meseta.v1.ExecOutput.Started.$Properties instead.
             */
            interface IStarted extends meseta.v1.ExecOutput.Started.$Properties {
            }

            /** Represents a Started. */
            class Started {

                /**
                 * Constructs a new Started.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.ExecOutput.Started.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Started container_id. */
                container_id?: (meseta.v1.ContainerID.$Properties|null);

                /** Started agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /**
                 * Creates a new Started instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Started instance
                 */
                static create(properties: meseta.v1.ExecOutput.Started.$Shape): meseta.v1.ExecOutput.Started & meseta.v1.ExecOutput.Started.$Shape;
                static create(properties?: meseta.v1.ExecOutput.Started.$Properties): meseta.v1.ExecOutput.Started;

                /**
                 * Encodes the specified Started message. Does not implicitly {@link meseta.v1.ExecOutput.Started.verify|verify} messages.
                 * @param message Started message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.ExecOutput.Started.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Started message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.ExecOutput.Started & meseta.v1.ExecOutput.Started.$Shape} Started
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecOutput.Started & meseta.v1.ExecOutput.Started.$Shape;

                /**
                 * Creates a Started message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Started
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.ExecOutput.Started;

                /**
                 * Creates a plain object from a Started message. Also converts values to other types if specified.
                 * @param message Started
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.ExecOutput.Started, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Started to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Started {

                /** Properties of a Started. */
                interface $Properties {

                    /** Started container_id */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** Started agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Started. */
                type $Shape = meseta.v1.ExecOutput.Started.$Properties;
            }

            /**
             * Properties of an Exited.
             * @deprecated Use meseta.v1.ExecOutput.Exited.$Properties instead.
             */
            interface IExited extends meseta.v1.ExecOutput.Exited.$Properties {
            }

            /** Represents an Exited. */
            class Exited {

                /**
                 * Constructs a new Exited.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.ExecOutput.Exited.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Exited exit_code. */
                exit_code: number;

                /** Exited signal. */
                signal: number;

                /** Exited message. */
                message: string;

                /**
                 * Creates a new Exited instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Exited instance
                 */
                static create(properties: meseta.v1.ExecOutput.Exited.$Shape): meseta.v1.ExecOutput.Exited & meseta.v1.ExecOutput.Exited.$Shape;
                static create(properties?: meseta.v1.ExecOutput.Exited.$Properties): meseta.v1.ExecOutput.Exited;

                /**
                 * Encodes the specified Exited message. Does not implicitly {@link meseta.v1.ExecOutput.Exited.verify|verify} messages.
                 * @param message Exited message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.ExecOutput.Exited.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Exited message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.ExecOutput.Exited & meseta.v1.ExecOutput.Exited.$Shape} Exited
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ExecOutput.Exited & meseta.v1.ExecOutput.Exited.$Shape;

                /**
                 * Creates an Exited message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Exited
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.ExecOutput.Exited;

                /**
                 * Creates a plain object from an Exited message. Also converts values to other types if specified.
                 * @param message Exited
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.ExecOutput.Exited, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Exited to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Exited {

                /** Properties of an Exited. */
                interface $Properties {

                    /** Exited exit_code */
                    exit_code?: (number|null);

                    /** Exited signal */
                    signal?: (number|null);

                    /** Exited message */
                    message?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Exited. */
                type $Shape = meseta.v1.ExecOutput.Exited.$Properties;
            }
        }

        /** Represents an AgentDebug */
        class AgentDebug extends $protobuf.rpc.Service {

            /**
             * Constructs a new AgentDebug service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new AgentDebug service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): AgentDebug;

            /** Calls Exec. */
            exec: meseta.v1.AgentDebug.Exec;
        }

        namespace AgentDebug {

            /**
             * Callback as used by {@link meseta.v1.AgentDebug#exec}.
             * @param error Error, if any
             * @param [response] ExecOutput
             */
            type ExecCallback = (error: (Error|null), response?: meseta.v1.ExecOutput) => void;

            /** Calls Exec. */
            type Exec = {
              (request: meseta.v1.IExecInput, callback: meseta.v1.AgentDebug.ExecCallback): void;
              (request: meseta.v1.IExecInput): Promise<meseta.v1.ExecOutput>;
              readonly name: "Exec";
              readonly path: "/meseta.v1.AgentDebug/Exec";
              readonly requestType: "ExecInput";
              readonly responseType: "ExecOutput";
              readonly requestStream: true;
              readonly responseStream: true;
            };
        }

        /** Namespace executor. */
        namespace executor {

            /**
             * Properties of an Event.
             * @deprecated Use meseta.v1.executor.Event.$Properties instead.
             */
            interface IEvent extends meseta.v1.executor.Event.$Properties {
            }

            /** Represents an Event. */
            class Event {

                /**
                 * Constructs a new Event.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.executor.Event.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Event type. */
                type: meseta.v1.executor.Event.Type;

                /** Event subscribed. */
                subscribed?: (meseta.v1.executor.Event.Subscribed.$Properties|null);

                /** Event acknowledged. */
                acknowledged?: (meseta.v1.executor.Event.Acknowledged.$Properties|null);

                /** Event launch. */
                launch?: (meseta.v1.executor.Event.Launch.$Properties|null);

                /** Event launch_group. */
                launch_group?: (meseta.v1.executor.Event.LaunchGroup.$Properties|null);

                /** Event kill. */
                kill?: (meseta.v1.executor.Event.Kill.$Properties|null);

                /** Event message. */
                message?: (meseta.v1.executor.Event.Message.$Properties|null);

                /** Event error. */
                error?: (meseta.v1.executor.Event.Error.$Properties|null);

                /**
                 * Creates a new Event instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Event instance
                 */
                static create(properties: meseta.v1.executor.Event.$Shape): meseta.v1.executor.Event & meseta.v1.executor.Event.$Shape;
                static create(properties?: meseta.v1.executor.Event.$Properties): meseta.v1.executor.Event;

                /**
                 * Encodes the specified Event message. Does not implicitly {@link meseta.v1.executor.Event.verify|verify} messages.
                 * @param message Event message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.executor.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Event message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.executor.Event & meseta.v1.executor.Event.$Shape} Event
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event & meseta.v1.executor.Event.$Shape;

                /**
                 * Creates an Event message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Event
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event;

                /**
                 * Creates a plain object from an Event message. Also converts values to other types if specified.
                 * @param message Event
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.executor.Event, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Event to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Event {

                /** Properties of an Event. */
                interface $Properties {

                    /** Event type */
                    type?: (meseta.v1.executor.Event.Type|null);

                    /** Event subscribed */
                    subscribed?: (meseta.v1.executor.Event.Subscribed.$Properties|null);

                    /** Event acknowledged */
                    acknowledged?: (meseta.v1.executor.Event.Acknowledged.$Properties|null);

                    /** Event launch */
                    launch?: (meseta.v1.executor.Event.Launch.$Properties|null);

                    /** Event launch_group */
                    launch_group?: (meseta.v1.executor.Event.LaunchGroup.$Properties|null);

                    /** Event kill */
                    kill?: (meseta.v1.executor.Event.Kill.$Properties|null);

                    /** Event message */
                    message?: (meseta.v1.executor.Event.Message.$Properties|null);

                    /** Event error */
                    error?: (meseta.v1.executor.Event.Error.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Event. */
                type $Shape = meseta.v1.executor.Event.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** SUBSCRIBED value */
                    SUBSCRIBED = 1,

                    /** LAUNCH value */
                    LAUNCH = 2,

                    /** LAUNCH_GROUP value */
                    LAUNCH_GROUP = 8,

                    /** KILL value */
                    KILL = 3,

                    /** ACKNOWLEDGED value */
                    ACKNOWLEDGED = 4,

                    /** MESSAGE value */
                    MESSAGE = 5,

                    /** ERROR value */
                    ERROR = 6,

                    /** SHUTDOWN value */
                    SHUTDOWN = 7,

                    /** HEARTBEAT value */
                    HEARTBEAT = 9
                }

                /**
                 * Properties of a Subscribed.
                 * @deprecated Use meseta.v1.executor.Event.Subscribed.$Properties instead.
                 */
                interface ISubscribed extends meseta.v1.executor.Event.Subscribed.$Properties {
                }

                /** Represents a Subscribed. */
                class Subscribed {

                    /**
                     * Constructs a new Subscribed.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.Subscribed.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Subscribed executor_info. */
                    executor_info?: (meseta.v1.ExecutorInfo.$Properties|null);

                    /** Subscribed framework_info. */
                    framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                    /** Subscribed agent_info. */
                    agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                    /** Subscribed container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /**
                     * Creates a new Subscribed instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Subscribed instance
                     */
                    static create(properties: meseta.v1.executor.Event.Subscribed.$Shape): meseta.v1.executor.Event.Subscribed & meseta.v1.executor.Event.Subscribed.$Shape;
                    static create(properties?: meseta.v1.executor.Event.Subscribed.$Properties): meseta.v1.executor.Event.Subscribed;

                    /**
                     * Encodes the specified Subscribed message. Does not implicitly {@link meseta.v1.executor.Event.Subscribed.verify|verify} messages.
                     * @param message Subscribed message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.Subscribed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Subscribed message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.Subscribed & meseta.v1.executor.Event.Subscribed.$Shape} Subscribed
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.Subscribed & meseta.v1.executor.Event.Subscribed.$Shape;

                    /**
                     * Creates a Subscribed message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Subscribed
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.Subscribed;

                    /**
                     * Creates a plain object from a Subscribed message. Also converts values to other types if specified.
                     * @param message Subscribed
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.Subscribed, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Subscribed to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Subscribed {

                    /** Properties of a Subscribed. */
                    interface $Properties {

                        /** Subscribed executor_info */
                        executor_info?: (meseta.v1.ExecutorInfo.$Properties|null);

                        /** Subscribed framework_info */
                        framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                        /** Subscribed agent_info */
                        agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                        /** Subscribed container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Subscribed. */
                    type $Shape = meseta.v1.executor.Event.Subscribed.$Properties;
                }

                /**
                 * Properties of a Launch.
                 * @deprecated Use meseta.v1.executor.Event.Launch.$Properties instead.
                 */
                interface ILaunch extends meseta.v1.executor.Event.Launch.$Properties {
                }

                /** Represents a Launch. */
                class Launch {

                    /**
                     * Constructs a new Launch.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.Launch.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Launch task. */
                    task?: (meseta.v1.TaskInfo.$Properties|null);

                    /**
                     * Creates a new Launch instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Launch instance
                     */
                    static create(properties: meseta.v1.executor.Event.Launch.$Shape): meseta.v1.executor.Event.Launch & meseta.v1.executor.Event.Launch.$Shape;
                    static create(properties?: meseta.v1.executor.Event.Launch.$Properties): meseta.v1.executor.Event.Launch;

                    /**
                     * Encodes the specified Launch message. Does not implicitly {@link meseta.v1.executor.Event.Launch.verify|verify} messages.
                     * @param message Launch message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.Launch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Launch message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.Launch & meseta.v1.executor.Event.Launch.$Shape} Launch
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.Launch & meseta.v1.executor.Event.Launch.$Shape;

                    /**
                     * Creates a Launch message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Launch
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.Launch;

                    /**
                     * Creates a plain object from a Launch message. Also converts values to other types if specified.
                     * @param message Launch
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.Launch, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Launch to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Launch {

                    /** Properties of a Launch. */
                    interface $Properties {

                        /** Launch task */
                        task?: (meseta.v1.TaskInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Launch. */
                    type $Shape = meseta.v1.executor.Event.Launch.$Properties;
                }

                /**
                 * Properties of a LaunchGroup.
                 * @deprecated Use meseta.v1.executor.Event.LaunchGroup.$Properties instead.
                 */
                interface ILaunchGroup extends meseta.v1.executor.Event.LaunchGroup.$Properties {
                }

                /** Represents a LaunchGroup. */
                class LaunchGroup {

                    /**
                     * Constructs a new LaunchGroup.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.LaunchGroup.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LaunchGroup task_group. */
                    task_group?: (meseta.v1.TaskGroupInfo.$Properties|null);

                    /**
                     * Creates a new LaunchGroup instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns LaunchGroup instance
                     */
                    static create(properties: meseta.v1.executor.Event.LaunchGroup.$Shape): meseta.v1.executor.Event.LaunchGroup & meseta.v1.executor.Event.LaunchGroup.$Shape;
                    static create(properties?: meseta.v1.executor.Event.LaunchGroup.$Properties): meseta.v1.executor.Event.LaunchGroup;

                    /**
                     * Encodes the specified LaunchGroup message. Does not implicitly {@link meseta.v1.executor.Event.LaunchGroup.verify|verify} messages.
                     * @param message LaunchGroup message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.LaunchGroup.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LaunchGroup message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.LaunchGroup & meseta.v1.executor.Event.LaunchGroup.$Shape} LaunchGroup
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.LaunchGroup & meseta.v1.executor.Event.LaunchGroup.$Shape;

                    /**
                     * Creates a LaunchGroup message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns LaunchGroup
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.LaunchGroup;

                    /**
                     * Creates a plain object from a LaunchGroup message. Also converts values to other types if specified.
                     * @param message LaunchGroup
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.LaunchGroup, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this LaunchGroup to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace LaunchGroup {

                    /** Properties of a LaunchGroup. */
                    interface $Properties {

                        /** LaunchGroup task_group */
                        task_group?: (meseta.v1.TaskGroupInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LaunchGroup. */
                    type $Shape = meseta.v1.executor.Event.LaunchGroup.$Properties;
                }

                /**
                 * Properties of a Kill.
                 * @deprecated Use meseta.v1.executor.Event.Kill.$Properties instead.
                 */
                interface IKill extends meseta.v1.executor.Event.Kill.$Properties {
                }

                /** Represents a Kill. */
                class Kill {

                    /**
                     * Constructs a new Kill.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.Kill.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Kill task_id. */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Kill kill_policy. */
                    kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                    /**
                     * Creates a new Kill instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Kill instance
                     */
                    static create(properties: meseta.v1.executor.Event.Kill.$Shape): meseta.v1.executor.Event.Kill & meseta.v1.executor.Event.Kill.$Shape;
                    static create(properties?: meseta.v1.executor.Event.Kill.$Properties): meseta.v1.executor.Event.Kill;

                    /**
                     * Encodes the specified Kill message. Does not implicitly {@link meseta.v1.executor.Event.Kill.verify|verify} messages.
                     * @param message Kill message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.Kill.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Kill message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.Kill & meseta.v1.executor.Event.Kill.$Shape} Kill
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.Kill & meseta.v1.executor.Event.Kill.$Shape;

                    /**
                     * Creates a Kill message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Kill
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.Kill;

                    /**
                     * Creates a plain object from a Kill message. Also converts values to other types if specified.
                     * @param message Kill
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.Kill, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Kill to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Kill {

                    /** Properties of a Kill. */
                    interface $Properties {

                        /** Kill task_id */
                        task_id?: (meseta.v1.TaskID.$Properties|null);

                        /** Kill kill_policy */
                        kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Kill. */
                    type $Shape = meseta.v1.executor.Event.Kill.$Properties;
                }

                /**
                 * Properties of an Acknowledged.
                 * @deprecated Use meseta.v1.executor.Event.Acknowledged.$Properties instead.
                 */
                interface IAcknowledged extends meseta.v1.executor.Event.Acknowledged.$Properties {
                }

                /** Represents an Acknowledged. */
                class Acknowledged {

                    /**
                     * Constructs a new Acknowledged.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.Acknowledged.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Acknowledged task_id. */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Acknowledged uuid. */
                    uuid: Uint8Array;

                    /**
                     * Creates a new Acknowledged instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Acknowledged instance
                     */
                    static create(properties: meseta.v1.executor.Event.Acknowledged.$Shape): meseta.v1.executor.Event.Acknowledged & meseta.v1.executor.Event.Acknowledged.$Shape;
                    static create(properties?: meseta.v1.executor.Event.Acknowledged.$Properties): meseta.v1.executor.Event.Acknowledged;

                    /**
                     * Encodes the specified Acknowledged message. Does not implicitly {@link meseta.v1.executor.Event.Acknowledged.verify|verify} messages.
                     * @param message Acknowledged message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.Acknowledged.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an Acknowledged message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.Acknowledged & meseta.v1.executor.Event.Acknowledged.$Shape} Acknowledged
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.Acknowledged & meseta.v1.executor.Event.Acknowledged.$Shape;

                    /**
                     * Creates an Acknowledged message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Acknowledged
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.Acknowledged;

                    /**
                     * Creates a plain object from an Acknowledged message. Also converts values to other types if specified.
                     * @param message Acknowledged
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.Acknowledged, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Acknowledged to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Acknowledged {

                    /** Properties of an Acknowledged. */
                    interface $Properties {

                        /** Acknowledged task_id */
                        task_id?: (meseta.v1.TaskID.$Properties|null);

                        /** Acknowledged uuid */
                        uuid?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an Acknowledged. */
                    type $Shape = meseta.v1.executor.Event.Acknowledged.$Properties;
                }

                /**
                 * Properties of a Message.
                 * @deprecated Use meseta.v1.executor.Event.Message.$Properties instead.
                 */
                interface IMessage extends meseta.v1.executor.Event.Message.$Properties {
                }

                /** Represents a Message. */
                class Message {

                    /**
                     * Constructs a new Message.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.Message.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Message data. */
                    data: Uint8Array;

                    /**
                     * Creates a new Message instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Message instance
                     */
                    static create(properties: meseta.v1.executor.Event.Message.$Shape): meseta.v1.executor.Event.Message & meseta.v1.executor.Event.Message.$Shape;
                    static create(properties?: meseta.v1.executor.Event.Message.$Properties): meseta.v1.executor.Event.Message;

                    /**
                     * Encodes the specified Message message. Does not implicitly {@link meseta.v1.executor.Event.Message.verify|verify} messages.
                     * @param message Message message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Message message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.Message & meseta.v1.executor.Event.Message.$Shape} Message
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.Message & meseta.v1.executor.Event.Message.$Shape;

                    /**
                     * Creates a Message message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Message
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.Message;

                    /**
                     * Creates a plain object from a Message message. Also converts values to other types if specified.
                     * @param message Message
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.Message, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Message to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Message {

                    /** Properties of a Message. */
                    interface $Properties {

                        /** Message data */
                        data?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Message. */
                    type $Shape = meseta.v1.executor.Event.Message.$Properties;
                }

                /**
                 * Properties of an Error.
                 * @deprecated Use meseta.v1.executor.Event.Error.$Properties instead.
                 */
                interface IError extends meseta.v1.executor.Event.Error.$Properties {
                }

                /** Represents an Error. */
                class Error {

                    /**
                     * Constructs a new Error.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Event.Error.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Error message. */
                    message: string;

                    /**
                     * Creates a new Error instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Error instance
                     */
                    static create(properties: meseta.v1.executor.Event.Error.$Shape): meseta.v1.executor.Event.Error & meseta.v1.executor.Event.Error.$Shape;
                    static create(properties?: meseta.v1.executor.Event.Error.$Properties): meseta.v1.executor.Event.Error;

                    /**
                     * Encodes the specified Error message. Does not implicitly {@link meseta.v1.executor.Event.Error.verify|verify} messages.
                     * @param message Error message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Event.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an Error message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Event.Error & meseta.v1.executor.Event.Error.$Shape} Error
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Event.Error & meseta.v1.executor.Event.Error.$Shape;

                    /**
                     * Creates an Error message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Error
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Event.Error;

                    /**
                     * Creates a plain object from an Error message. Also converts values to other types if specified.
                     * @param message Error
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Event.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Error to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Error {

                    /** Properties of an Error. */
                    interface $Properties {

                        /** Error message */
                        message?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an Error. */
                    type $Shape = meseta.v1.executor.Event.Error.$Properties;
                }
            }

            /**
             * Properties of a Call.
             * @deprecated Use meseta.v1.executor.Call.$Properties instead.
             */
            interface ICall extends meseta.v1.executor.Call.$Properties {
            }

            /** Represents a Call. */
            class Call {

                /**
                 * Constructs a new Call.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.executor.Call.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Call executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Call framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Call type. */
                type: meseta.v1.executor.Call.Type;

                /** Call subscribe. */
                subscribe?: (meseta.v1.executor.Call.Subscribe.$Properties|null);

                /** Call update. */
                update?: (meseta.v1.executor.Call.Update.$Properties|null);

                /** Call message. */
                message?: (meseta.v1.executor.Call.Message.$Properties|null);

                /**
                 * Creates a new Call instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Call instance
                 */
                static create(properties: meseta.v1.executor.Call.$Shape): meseta.v1.executor.Call & meseta.v1.executor.Call.$Shape;
                static create(properties?: meseta.v1.executor.Call.$Properties): meseta.v1.executor.Call;

                /**
                 * Encodes the specified Call message. Does not implicitly {@link meseta.v1.executor.Call.verify|verify} messages.
                 * @param message Call message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.executor.Call.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Call message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.executor.Call & meseta.v1.executor.Call.$Shape} Call
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Call & meseta.v1.executor.Call.$Shape;

                /**
                 * Creates a Call message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Call
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.executor.Call;

                /**
                 * Creates a plain object from a Call message. Also converts values to other types if specified.
                 * @param message Call
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.executor.Call, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Call to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Call {

                /** Properties of a Call. */
                interface $Properties {

                    /** Call executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** Call framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** Call type */
                    type?: (meseta.v1.executor.Call.Type|null);

                    /** Call subscribe */
                    subscribe?: (meseta.v1.executor.Call.Subscribe.$Properties|null);

                    /** Call update */
                    update?: (meseta.v1.executor.Call.Update.$Properties|null);

                    /** Call message */
                    message?: (meseta.v1.executor.Call.Message.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Call. */
                type $Shape = meseta.v1.executor.Call.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** SUBSCRIBE value */
                    SUBSCRIBE = 1,

                    /** UPDATE value */
                    UPDATE = 2,

                    /** MESSAGE value */
                    MESSAGE = 3,

                    /** HEARTBEAT value */
                    HEARTBEAT = 4
                }

                /**
                 * Properties of a Subscribe.
                 * @deprecated Use meseta.v1.executor.Call.Subscribe.$Properties instead.
                 */
                interface ISubscribe extends meseta.v1.executor.Call.Subscribe.$Properties {
                }

                /** Represents a Subscribe. */
                class Subscribe {

                    /**
                     * Constructs a new Subscribe.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Call.Subscribe.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Subscribe unacknowledged_tasks. */
                    unacknowledged_tasks: meseta.v1.TaskInfo.$Properties[];

                    /** Subscribe unacknowledged_updates. */
                    unacknowledged_updates: meseta.v1.executor.Call.Update.$Properties[];

                    /**
                     * Creates a new Subscribe instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Subscribe instance
                     */
                    static create(properties: meseta.v1.executor.Call.Subscribe.$Shape): meseta.v1.executor.Call.Subscribe & meseta.v1.executor.Call.Subscribe.$Shape;
                    static create(properties?: meseta.v1.executor.Call.Subscribe.$Properties): meseta.v1.executor.Call.Subscribe;

                    /**
                     * Encodes the specified Subscribe message. Does not implicitly {@link meseta.v1.executor.Call.Subscribe.verify|verify} messages.
                     * @param message Subscribe message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Call.Subscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Subscribe message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Call.Subscribe & meseta.v1.executor.Call.Subscribe.$Shape} Subscribe
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Call.Subscribe & meseta.v1.executor.Call.Subscribe.$Shape;

                    /**
                     * Creates a Subscribe message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Subscribe
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Call.Subscribe;

                    /**
                     * Creates a plain object from a Subscribe message. Also converts values to other types if specified.
                     * @param message Subscribe
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Call.Subscribe, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Subscribe to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Subscribe {

                    /** Properties of a Subscribe. */
                    interface $Properties {

                        /** Subscribe unacknowledged_tasks */
                        unacknowledged_tasks?: (meseta.v1.TaskInfo.$Properties[]|null);

                        /** Subscribe unacknowledged_updates */
                        unacknowledged_updates?: (meseta.v1.executor.Call.Update.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Subscribe. */
                    type $Shape = meseta.v1.executor.Call.Subscribe.$Properties;
                }

                /**
                 * Properties of an Update.
                 * @deprecated Use meseta.v1.executor.Call.Update.$Properties instead.
                 */
                interface IUpdate extends meseta.v1.executor.Call.Update.$Properties {
                }

                /** Represents an Update. */
                class Update {

                    /**
                     * Constructs a new Update.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Call.Update.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Update status. */
                    status?: (meseta.v1.TaskStatus.$Properties|null);

                    /**
                     * Creates a new Update instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Update instance
                     */
                    static create(properties: meseta.v1.executor.Call.Update.$Shape): meseta.v1.executor.Call.Update & meseta.v1.executor.Call.Update.$Shape;
                    static create(properties?: meseta.v1.executor.Call.Update.$Properties): meseta.v1.executor.Call.Update;

                    /**
                     * Encodes the specified Update message. Does not implicitly {@link meseta.v1.executor.Call.Update.verify|verify} messages.
                     * @param message Update message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Call.Update.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an Update message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Call.Update & meseta.v1.executor.Call.Update.$Shape} Update
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Call.Update & meseta.v1.executor.Call.Update.$Shape;

                    /**
                     * Creates an Update message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Update
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Call.Update;

                    /**
                     * Creates a plain object from an Update message. Also converts values to other types if specified.
                     * @param message Update
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Call.Update, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Update to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Update {

                    /** Properties of an Update. */
                    interface $Properties {

                        /** Update status */
                        status?: (meseta.v1.TaskStatus.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an Update. */
                    type $Shape = meseta.v1.executor.Call.Update.$Properties;
                }

                /**
                 * Properties of a Message.
                 * @deprecated Use meseta.v1.executor.Call.Message.$Properties instead.
                 */
                interface IMessage extends meseta.v1.executor.Call.Message.$Properties {
                }

                /** Represents a Message. */
                class Message {

                    /**
                     * Constructs a new Message.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.executor.Call.Message.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Message data. */
                    data: Uint8Array;

                    /**
                     * Creates a new Message instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Message instance
                     */
                    static create(properties: meseta.v1.executor.Call.Message.$Shape): meseta.v1.executor.Call.Message & meseta.v1.executor.Call.Message.$Shape;
                    static create(properties?: meseta.v1.executor.Call.Message.$Properties): meseta.v1.executor.Call.Message;

                    /**
                     * Encodes the specified Message message. Does not implicitly {@link meseta.v1.executor.Call.Message.verify|verify} messages.
                     * @param message Message message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.executor.Call.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Message message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.executor.Call.Message & meseta.v1.executor.Call.Message.$Shape} Message
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.executor.Call.Message & meseta.v1.executor.Call.Message.$Shape;

                    /**
                     * Creates a Message message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Message
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.executor.Call.Message;

                    /**
                     * Creates a plain object from a Message message. Also converts values to other types if specified.
                     * @param message Message
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.executor.Call.Message, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Message to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Message {

                    /** Properties of a Message. */
                    interface $Properties {

                        /** Message data */
                        data?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Message. */
                    type $Shape = meseta.v1.executor.Call.Message.$Properties;
                }
            }
        }

        /** Namespace agent. */
        namespace agent {

            /**
             * Properties of a Call.
             * @deprecated Use meseta.v1.agent.Call.$Properties instead.
             */
            interface ICall extends meseta.v1.agent.Call.$Properties {
            }

            /** Represents a Call. */
            class Call {

                /**
                 * Constructs a new Call.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.agent.Call.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Call type. */
                type: meseta.v1.agent.Call.Type;

                /** Call get_metrics. */
                get_metrics?: (meseta.v1.agent.Call.GetMetrics.$Properties|null);

                /** Call set_logging_level. */
                set_logging_level?: (meseta.v1.agent.Call.SetLoggingLevel.$Properties|null);

                /** Call list_files. */
                list_files?: (meseta.v1.agent.Call.ListFiles.$Properties|null);

                /** Call read_file. */
                read_file?: (meseta.v1.agent.Call.ReadFile.$Properties|null);

                /** Call get_containers. */
                get_containers?: (meseta.v1.agent.Call.GetContainers.$Properties|null);

                /** Call launch_nested_container. */
                launch_nested_container?: (meseta.v1.agent.Call.LaunchNestedContainer.$Properties|null);

                /** Call wait_nested_container. */
                wait_nested_container?: (meseta.v1.agent.Call.WaitNestedContainer.$Properties|null);

                /** Call kill_nested_container. */
                kill_nested_container?: (meseta.v1.agent.Call.KillNestedContainer.$Properties|null);

                /** Call remove_nested_container. */
                remove_nested_container?: (meseta.v1.agent.Call.RemoveNestedContainer.$Properties|null);

                /** Call launch_nested_container_session. */
                launch_nested_container_session?: (meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties|null);

                /** Call attach_container_input. */
                attach_container_input?: (meseta.v1.agent.Call.AttachContainerInput.$Properties|null);

                /** Call attach_container_output. */
                attach_container_output?: (meseta.v1.agent.Call.AttachContainerOutput.$Properties|null);

                /** Call launch_container. */
                launch_container?: (meseta.v1.agent.Call.LaunchContainer.$Properties|null);

                /** Call wait_container. */
                wait_container?: (meseta.v1.agent.Call.WaitContainer.$Properties|null);

                /** Call kill_container. */
                kill_container?: (meseta.v1.agent.Call.KillContainer.$Properties|null);

                /** Call remove_container. */
                remove_container?: (meseta.v1.agent.Call.RemoveContainer.$Properties|null);

                /**
                 * Creates a new Call instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Call instance
                 */
                static create(properties: meseta.v1.agent.Call.$Shape): meseta.v1.agent.Call & meseta.v1.agent.Call.$Shape;
                static create(properties?: meseta.v1.agent.Call.$Properties): meseta.v1.agent.Call;

                /**
                 * Encodes the specified Call message. Does not implicitly {@link meseta.v1.agent.Call.verify|verify} messages.
                 * @param message Call message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.agent.Call.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Call message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.agent.Call & meseta.v1.agent.Call.$Shape} Call
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call & meseta.v1.agent.Call.$Shape;

                /**
                 * Creates a Call message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Call
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call;

                /**
                 * Creates a plain object from a Call message. Also converts values to other types if specified.
                 * @param message Call
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.agent.Call, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Call to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Call {

                /** Properties of a Call. */
                interface $Properties {

                    /** Call type */
                    type?: (meseta.v1.agent.Call.Type|null);

                    /** Call get_metrics */
                    get_metrics?: (meseta.v1.agent.Call.GetMetrics.$Properties|null);

                    /** Call set_logging_level */
                    set_logging_level?: (meseta.v1.agent.Call.SetLoggingLevel.$Properties|null);

                    /** Call list_files */
                    list_files?: (meseta.v1.agent.Call.ListFiles.$Properties|null);

                    /** Call read_file */
                    read_file?: (meseta.v1.agent.Call.ReadFile.$Properties|null);

                    /** Call get_containers */
                    get_containers?: (meseta.v1.agent.Call.GetContainers.$Properties|null);

                    /** Call launch_nested_container */
                    launch_nested_container?: (meseta.v1.agent.Call.LaunchNestedContainer.$Properties|null);

                    /** Call wait_nested_container */
                    wait_nested_container?: (meseta.v1.agent.Call.WaitNestedContainer.$Properties|null);

                    /** Call kill_nested_container */
                    kill_nested_container?: (meseta.v1.agent.Call.KillNestedContainer.$Properties|null);

                    /** Call remove_nested_container */
                    remove_nested_container?: (meseta.v1.agent.Call.RemoveNestedContainer.$Properties|null);

                    /** Call launch_nested_container_session */
                    launch_nested_container_session?: (meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties|null);

                    /** Call attach_container_input */
                    attach_container_input?: (meseta.v1.agent.Call.AttachContainerInput.$Properties|null);

                    /** Call attach_container_output */
                    attach_container_output?: (meseta.v1.agent.Call.AttachContainerOutput.$Properties|null);

                    /** Call launch_container */
                    launch_container?: (meseta.v1.agent.Call.LaunchContainer.$Properties|null);

                    /** Call wait_container */
                    wait_container?: (meseta.v1.agent.Call.WaitContainer.$Properties|null);

                    /** Call kill_container */
                    kill_container?: (meseta.v1.agent.Call.KillContainer.$Properties|null);

                    /** Call remove_container */
                    remove_container?: (meseta.v1.agent.Call.RemoveContainer.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Call. */
                type $Shape = meseta.v1.agent.Call.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** GET_HEALTH value */
                    GET_HEALTH = 1,

                    /** GET_FLAGS value */
                    GET_FLAGS = 2,

                    /** GET_VERSION value */
                    GET_VERSION = 3,

                    /** GET_METRICS value */
                    GET_METRICS = 4,

                    /** GET_LOGGING_LEVEL value */
                    GET_LOGGING_LEVEL = 5,

                    /** SET_LOGGING_LEVEL value */
                    SET_LOGGING_LEVEL = 6,

                    /** LIST_FILES value */
                    LIST_FILES = 7,

                    /** READ_FILE value */
                    READ_FILE = 8,

                    /** GET_STATE value */
                    GET_STATE = 9,

                    /** GET_CONTAINERS value */
                    GET_CONTAINERS = 10,

                    /** GET_FRAMEWORKS value */
                    GET_FRAMEWORKS = 11,

                    /** GET_EXECUTORS value */
                    GET_EXECUTORS = 12,

                    /** GET_OPERATIONS value */
                    GET_OPERATIONS = 31,

                    /** GET_TASKS value */
                    GET_TASKS = 13,

                    /** GET_AGENT value */
                    GET_AGENT = 20,

                    /** GET_RESOURCE_PROVIDERS value */
                    GET_RESOURCE_PROVIDERS = 26,

                    /** LAUNCH_NESTED_CONTAINER value */
                    LAUNCH_NESTED_CONTAINER = 14,

                    /** WAIT_NESTED_CONTAINER value */
                    WAIT_NESTED_CONTAINER = 15,

                    /** KILL_NESTED_CONTAINER value */
                    KILL_NESTED_CONTAINER = 16,

                    /** REMOVE_NESTED_CONTAINER value */
                    REMOVE_NESTED_CONTAINER = 21,

                    /** LAUNCH_NESTED_CONTAINER_SESSION value */
                    LAUNCH_NESTED_CONTAINER_SESSION = 17,

                    /** ATTACH_CONTAINER_INPUT value */
                    ATTACH_CONTAINER_INPUT = 18,

                    /** ATTACH_CONTAINER_OUTPUT value */
                    ATTACH_CONTAINER_OUTPUT = 19,

                    /** LAUNCH_CONTAINER value */
                    LAUNCH_CONTAINER = 22,

                    /** WAIT_CONTAINER value */
                    WAIT_CONTAINER = 23,

                    /** KILL_CONTAINER value */
                    KILL_CONTAINER = 24,

                    /** REMOVE_CONTAINER value */
                    REMOVE_CONTAINER = 25,

                    /** ADD_RESOURCE_PROVIDER_CONFIG value */
                    ADD_RESOURCE_PROVIDER_CONFIG = 27,

                    /** UPDATE_RESOURCE_PROVIDER_CONFIG value */
                    UPDATE_RESOURCE_PROVIDER_CONFIG = 28,

                    /** REMOVE_RESOURCE_PROVIDER_CONFIG value */
                    REMOVE_RESOURCE_PROVIDER_CONFIG = 29,

                    /** MARK_RESOURCE_PROVIDER_GONE value */
                    MARK_RESOURCE_PROVIDER_GONE = 32,

                    /** PRUNE_IMAGES value */
                    PRUNE_IMAGES = 30
                }

                /**
                 * Properties of a GetMetrics.
                 * @deprecated Use meseta.v1.agent.Call.GetMetrics.$Properties instead.
                 */
                interface IGetMetrics extends meseta.v1.agent.Call.GetMetrics.$Properties {
                }

                /** Represents a GetMetrics. */
                class GetMetrics {

                    /**
                     * Constructs a new GetMetrics.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.GetMetrics.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetMetrics timeout. */
                    timeout?: (meseta.v1.DurationInfo.$Properties|null);

                    /**
                     * Creates a new GetMetrics instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetMetrics instance
                     */
                    static create(properties: meseta.v1.agent.Call.GetMetrics.$Shape): meseta.v1.agent.Call.GetMetrics & meseta.v1.agent.Call.GetMetrics.$Shape;
                    static create(properties?: meseta.v1.agent.Call.GetMetrics.$Properties): meseta.v1.agent.Call.GetMetrics;

                    /**
                     * Encodes the specified GetMetrics message. Does not implicitly {@link meseta.v1.agent.Call.GetMetrics.verify|verify} messages.
                     * @param message GetMetrics message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.GetMetrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetMetrics message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.GetMetrics & meseta.v1.agent.Call.GetMetrics.$Shape} GetMetrics
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.GetMetrics & meseta.v1.agent.Call.GetMetrics.$Shape;

                    /**
                     * Creates a GetMetrics message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetMetrics
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.GetMetrics;

                    /**
                     * Creates a plain object from a GetMetrics message. Also converts values to other types if specified.
                     * @param message GetMetrics
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.GetMetrics, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetMetrics to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetMetrics {

                    /** Properties of a GetMetrics. */
                    interface $Properties {

                        /** GetMetrics timeout */
                        timeout?: (meseta.v1.DurationInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetMetrics. */
                    type $Shape = meseta.v1.agent.Call.GetMetrics.$Properties;
                }

                /**
                 * Properties of a SetLoggingLevel.
                 * @deprecated Use meseta.v1.agent.Call.SetLoggingLevel.$Properties instead.
                 */
                interface ISetLoggingLevel extends meseta.v1.agent.Call.SetLoggingLevel.$Properties {
                }

                /** Represents a SetLoggingLevel. */
                class SetLoggingLevel {

                    /**
                     * Constructs a new SetLoggingLevel.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.SetLoggingLevel.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SetLoggingLevel level. */
                    level: number;

                    /** SetLoggingLevel duration. */
                    duration?: (meseta.v1.DurationInfo.$Properties|null);

                    /**
                     * Creates a new SetLoggingLevel instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns SetLoggingLevel instance
                     */
                    static create(properties: meseta.v1.agent.Call.SetLoggingLevel.$Shape): meseta.v1.agent.Call.SetLoggingLevel & meseta.v1.agent.Call.SetLoggingLevel.$Shape;
                    static create(properties?: meseta.v1.agent.Call.SetLoggingLevel.$Properties): meseta.v1.agent.Call.SetLoggingLevel;

                    /**
                     * Encodes the specified SetLoggingLevel message. Does not implicitly {@link meseta.v1.agent.Call.SetLoggingLevel.verify|verify} messages.
                     * @param message SetLoggingLevel message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.SetLoggingLevel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SetLoggingLevel message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.SetLoggingLevel & meseta.v1.agent.Call.SetLoggingLevel.$Shape} SetLoggingLevel
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.SetLoggingLevel & meseta.v1.agent.Call.SetLoggingLevel.$Shape;

                    /**
                     * Creates a SetLoggingLevel message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns SetLoggingLevel
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.SetLoggingLevel;

                    /**
                     * Creates a plain object from a SetLoggingLevel message. Also converts values to other types if specified.
                     * @param message SetLoggingLevel
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.SetLoggingLevel, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this SetLoggingLevel to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace SetLoggingLevel {

                    /** Properties of a SetLoggingLevel. */
                    interface $Properties {

                        /** SetLoggingLevel level */
                        level?: (number|null);

                        /** SetLoggingLevel duration */
                        duration?: (meseta.v1.DurationInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SetLoggingLevel. */
                    type $Shape = meseta.v1.agent.Call.SetLoggingLevel.$Properties;
                }

                /**
                 * Properties of a ListFiles.
                 * @deprecated Use meseta.v1.agent.Call.ListFiles.$Properties instead.
                 */
                interface IListFiles extends meseta.v1.agent.Call.ListFiles.$Properties {
                }

                /** Represents a ListFiles. */
                class ListFiles {

                    /**
                     * Constructs a new ListFiles.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.ListFiles.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListFiles path. */
                    path: string;

                    /**
                     * Creates a new ListFiles instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ListFiles instance
                     */
                    static create(properties: meseta.v1.agent.Call.ListFiles.$Shape): meseta.v1.agent.Call.ListFiles & meseta.v1.agent.Call.ListFiles.$Shape;
                    static create(properties?: meseta.v1.agent.Call.ListFiles.$Properties): meseta.v1.agent.Call.ListFiles;

                    /**
                     * Encodes the specified ListFiles message. Does not implicitly {@link meseta.v1.agent.Call.ListFiles.verify|verify} messages.
                     * @param message ListFiles message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.ListFiles.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListFiles message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.ListFiles & meseta.v1.agent.Call.ListFiles.$Shape} ListFiles
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.ListFiles & meseta.v1.agent.Call.ListFiles.$Shape;

                    /**
                     * Creates a ListFiles message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ListFiles
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.ListFiles;

                    /**
                     * Creates a plain object from a ListFiles message. Also converts values to other types if specified.
                     * @param message ListFiles
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.ListFiles, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ListFiles to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ListFiles {

                    /** Properties of a ListFiles. */
                    interface $Properties {

                        /** ListFiles path */
                        path?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListFiles. */
                    type $Shape = meseta.v1.agent.Call.ListFiles.$Properties;
                }

                /**
                 * Properties of a ReadFile.
                 * @deprecated Use meseta.v1.agent.Call.ReadFile.$Properties instead.
                 */
                interface IReadFile extends meseta.v1.agent.Call.ReadFile.$Properties {
                }

                /** Represents a ReadFile. */
                class ReadFile {

                    /**
                     * Constructs a new ReadFile.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.ReadFile.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ReadFile path. */
                    path: string;

                    /** ReadFile offset. */
                    offset: number;

                    /** ReadFile length. */
                    length: number;

                    /**
                     * Creates a new ReadFile instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ReadFile instance
                     */
                    static create(properties: meseta.v1.agent.Call.ReadFile.$Shape): meseta.v1.agent.Call.ReadFile & meseta.v1.agent.Call.ReadFile.$Shape;
                    static create(properties?: meseta.v1.agent.Call.ReadFile.$Properties): meseta.v1.agent.Call.ReadFile;

                    /**
                     * Encodes the specified ReadFile message. Does not implicitly {@link meseta.v1.agent.Call.ReadFile.verify|verify} messages.
                     * @param message ReadFile message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.ReadFile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ReadFile message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.ReadFile & meseta.v1.agent.Call.ReadFile.$Shape} ReadFile
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.ReadFile & meseta.v1.agent.Call.ReadFile.$Shape;

                    /**
                     * Creates a ReadFile message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ReadFile
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.ReadFile;

                    /**
                     * Creates a plain object from a ReadFile message. Also converts values to other types if specified.
                     * @param message ReadFile
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.ReadFile, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ReadFile to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ReadFile {

                    /** Properties of a ReadFile. */
                    interface $Properties {

                        /** ReadFile path */
                        path?: (string|null);

                        /** ReadFile offset */
                        offset?: (number|null);

                        /** ReadFile length */
                        length?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ReadFile. */
                    type $Shape = meseta.v1.agent.Call.ReadFile.$Properties;
                }

                /**
                 * Properties of a GetContainers.
                 * @deprecated Use meseta.v1.agent.Call.GetContainers.$Properties instead.
                 */
                interface IGetContainers extends meseta.v1.agent.Call.GetContainers.$Properties {
                }

                /** Represents a GetContainers. */
                class GetContainers {

                    /**
                     * Constructs a new GetContainers.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.GetContainers.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetContainers show_nested. */
                    show_nested: boolean;

                    /** GetContainers show_standalone. */
                    show_standalone: boolean;

                    /**
                     * Creates a new GetContainers instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetContainers instance
                     */
                    static create(properties: meseta.v1.agent.Call.GetContainers.$Shape): meseta.v1.agent.Call.GetContainers & meseta.v1.agent.Call.GetContainers.$Shape;
                    static create(properties?: meseta.v1.agent.Call.GetContainers.$Properties): meseta.v1.agent.Call.GetContainers;

                    /**
                     * Encodes the specified GetContainers message. Does not implicitly {@link meseta.v1.agent.Call.GetContainers.verify|verify} messages.
                     * @param message GetContainers message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.GetContainers.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetContainers message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.GetContainers & meseta.v1.agent.Call.GetContainers.$Shape} GetContainers
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.GetContainers & meseta.v1.agent.Call.GetContainers.$Shape;

                    /**
                     * Creates a GetContainers message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetContainers
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.GetContainers;

                    /**
                     * Creates a plain object from a GetContainers message. Also converts values to other types if specified.
                     * @param message GetContainers
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.GetContainers, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetContainers to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetContainers {

                    /** Properties of a GetContainers. */
                    interface $Properties {

                        /** GetContainers show_nested */
                        show_nested?: (boolean|null);

                        /** GetContainers show_standalone */
                        show_standalone?: (boolean|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetContainers. */
                    type $Shape = meseta.v1.agent.Call.GetContainers.$Properties;
                }

                /**
                 * Properties of a LaunchNestedContainer.
                 * @deprecated Use meseta.v1.agent.Call.LaunchNestedContainer.$Properties instead.
                 */
                interface ILaunchNestedContainer extends meseta.v1.agent.Call.LaunchNestedContainer.$Properties {
                }

                /** Represents a LaunchNestedContainer. */
                class LaunchNestedContainer {

                    /**
                     * Constructs a new LaunchNestedContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.LaunchNestedContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LaunchNestedContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** LaunchNestedContainer command. */
                    command?: (meseta.v1.CommandInfo.$Properties|null);

                    /** LaunchNestedContainer container. */
                    container?: (meseta.v1.ContainerInfo.$Properties|null);

                    /**
                     * Creates a new LaunchNestedContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns LaunchNestedContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.LaunchNestedContainer.$Shape): meseta.v1.agent.Call.LaunchNestedContainer & meseta.v1.agent.Call.LaunchNestedContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.LaunchNestedContainer.$Properties): meseta.v1.agent.Call.LaunchNestedContainer;

                    /**
                     * Encodes the specified LaunchNestedContainer message. Does not implicitly {@link meseta.v1.agent.Call.LaunchNestedContainer.verify|verify} messages.
                     * @param message LaunchNestedContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.LaunchNestedContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LaunchNestedContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.LaunchNestedContainer & meseta.v1.agent.Call.LaunchNestedContainer.$Shape} LaunchNestedContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.LaunchNestedContainer & meseta.v1.agent.Call.LaunchNestedContainer.$Shape;

                    /**
                     * Creates a LaunchNestedContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns LaunchNestedContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.LaunchNestedContainer;

                    /**
                     * Creates a plain object from a LaunchNestedContainer message. Also converts values to other types if specified.
                     * @param message LaunchNestedContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.LaunchNestedContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this LaunchNestedContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace LaunchNestedContainer {

                    /** Properties of a LaunchNestedContainer. */
                    interface $Properties {

                        /** LaunchNestedContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** LaunchNestedContainer command */
                        command?: (meseta.v1.CommandInfo.$Properties|null);

                        /** LaunchNestedContainer container */
                        container?: (meseta.v1.ContainerInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LaunchNestedContainer. */
                    type $Shape = meseta.v1.agent.Call.LaunchNestedContainer.$Properties;
                }

                /**
                 * Properties of a WaitNestedContainer.
                 * @deprecated Use meseta.v1.agent.Call.WaitNestedContainer.$Properties instead.
                 */
                interface IWaitNestedContainer extends meseta.v1.agent.Call.WaitNestedContainer.$Properties {
                }

                /** Represents a WaitNestedContainer. */
                class WaitNestedContainer {

                    /**
                     * Constructs a new WaitNestedContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.WaitNestedContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** WaitNestedContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /**
                     * Creates a new WaitNestedContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns WaitNestedContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.WaitNestedContainer.$Shape): meseta.v1.agent.Call.WaitNestedContainer & meseta.v1.agent.Call.WaitNestedContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.WaitNestedContainer.$Properties): meseta.v1.agent.Call.WaitNestedContainer;

                    /**
                     * Encodes the specified WaitNestedContainer message. Does not implicitly {@link meseta.v1.agent.Call.WaitNestedContainer.verify|verify} messages.
                     * @param message WaitNestedContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.WaitNestedContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a WaitNestedContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.WaitNestedContainer & meseta.v1.agent.Call.WaitNestedContainer.$Shape} WaitNestedContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.WaitNestedContainer & meseta.v1.agent.Call.WaitNestedContainer.$Shape;

                    /**
                     * Creates a WaitNestedContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns WaitNestedContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.WaitNestedContainer;

                    /**
                     * Creates a plain object from a WaitNestedContainer message. Also converts values to other types if specified.
                     * @param message WaitNestedContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.WaitNestedContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this WaitNestedContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace WaitNestedContainer {

                    /** Properties of a WaitNestedContainer. */
                    interface $Properties {

                        /** WaitNestedContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a WaitNestedContainer. */
                    type $Shape = meseta.v1.agent.Call.WaitNestedContainer.$Properties;
                }

                /**
                 * Properties of a KillNestedContainer.
                 * @deprecated Use meseta.v1.agent.Call.KillNestedContainer.$Properties instead.
                 */
                interface IKillNestedContainer extends meseta.v1.agent.Call.KillNestedContainer.$Properties {
                }

                /** Represents a KillNestedContainer. */
                class KillNestedContainer {

                    /**
                     * Constructs a new KillNestedContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.KillNestedContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** KillNestedContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** KillNestedContainer signal. */
                    signal: number;

                    /**
                     * Creates a new KillNestedContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns KillNestedContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.KillNestedContainer.$Shape): meseta.v1.agent.Call.KillNestedContainer & meseta.v1.agent.Call.KillNestedContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.KillNestedContainer.$Properties): meseta.v1.agent.Call.KillNestedContainer;

                    /**
                     * Encodes the specified KillNestedContainer message. Does not implicitly {@link meseta.v1.agent.Call.KillNestedContainer.verify|verify} messages.
                     * @param message KillNestedContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.KillNestedContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a KillNestedContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.KillNestedContainer & meseta.v1.agent.Call.KillNestedContainer.$Shape} KillNestedContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.KillNestedContainer & meseta.v1.agent.Call.KillNestedContainer.$Shape;

                    /**
                     * Creates a KillNestedContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns KillNestedContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.KillNestedContainer;

                    /**
                     * Creates a plain object from a KillNestedContainer message. Also converts values to other types if specified.
                     * @param message KillNestedContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.KillNestedContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this KillNestedContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace KillNestedContainer {

                    /** Properties of a KillNestedContainer. */
                    interface $Properties {

                        /** KillNestedContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** KillNestedContainer signal */
                        signal?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a KillNestedContainer. */
                    type $Shape = meseta.v1.agent.Call.KillNestedContainer.$Properties;
                }

                /**
                 * Properties of a RemoveNestedContainer.
                 * @deprecated Use meseta.v1.agent.Call.RemoveNestedContainer.$Properties instead.
                 */
                interface IRemoveNestedContainer extends meseta.v1.agent.Call.RemoveNestedContainer.$Properties {
                }

                /** Represents a RemoveNestedContainer. */
                class RemoveNestedContainer {

                    /**
                     * Constructs a new RemoveNestedContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.RemoveNestedContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** RemoveNestedContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /**
                     * Creates a new RemoveNestedContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns RemoveNestedContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.RemoveNestedContainer.$Shape): meseta.v1.agent.Call.RemoveNestedContainer & meseta.v1.agent.Call.RemoveNestedContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.RemoveNestedContainer.$Properties): meseta.v1.agent.Call.RemoveNestedContainer;

                    /**
                     * Encodes the specified RemoveNestedContainer message. Does not implicitly {@link meseta.v1.agent.Call.RemoveNestedContainer.verify|verify} messages.
                     * @param message RemoveNestedContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.RemoveNestedContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a RemoveNestedContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.RemoveNestedContainer & meseta.v1.agent.Call.RemoveNestedContainer.$Shape} RemoveNestedContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.RemoveNestedContainer & meseta.v1.agent.Call.RemoveNestedContainer.$Shape;

                    /**
                     * Creates a RemoveNestedContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns RemoveNestedContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.RemoveNestedContainer;

                    /**
                     * Creates a plain object from a RemoveNestedContainer message. Also converts values to other types if specified.
                     * @param message RemoveNestedContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.RemoveNestedContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this RemoveNestedContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace RemoveNestedContainer {

                    /** Properties of a RemoveNestedContainer. */
                    interface $Properties {

                        /** RemoveNestedContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a RemoveNestedContainer. */
                    type $Shape = meseta.v1.agent.Call.RemoveNestedContainer.$Properties;
                }

                /**
                 * Properties of a LaunchNestedContainerSession.
                 * @deprecated Use meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties instead.
                 */
                interface ILaunchNestedContainerSession extends meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties {
                }

                /** Represents a LaunchNestedContainerSession. */
                class LaunchNestedContainerSession {

                    /**
                     * Constructs a new LaunchNestedContainerSession.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LaunchNestedContainerSession container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** LaunchNestedContainerSession command. */
                    command?: (meseta.v1.CommandInfo.$Properties|null);

                    /** LaunchNestedContainerSession container. */
                    container?: (meseta.v1.ContainerInfo.$Properties|null);

                    /**
                     * Creates a new LaunchNestedContainerSession instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns LaunchNestedContainerSession instance
                     */
                    static create(properties: meseta.v1.agent.Call.LaunchNestedContainerSession.$Shape): meseta.v1.agent.Call.LaunchNestedContainerSession & meseta.v1.agent.Call.LaunchNestedContainerSession.$Shape;
                    static create(properties?: meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties): meseta.v1.agent.Call.LaunchNestedContainerSession;

                    /**
                     * Encodes the specified LaunchNestedContainerSession message. Does not implicitly {@link meseta.v1.agent.Call.LaunchNestedContainerSession.verify|verify} messages.
                     * @param message LaunchNestedContainerSession message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LaunchNestedContainerSession message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.LaunchNestedContainerSession & meseta.v1.agent.Call.LaunchNestedContainerSession.$Shape} LaunchNestedContainerSession
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.LaunchNestedContainerSession & meseta.v1.agent.Call.LaunchNestedContainerSession.$Shape;

                    /**
                     * Creates a LaunchNestedContainerSession message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns LaunchNestedContainerSession
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.LaunchNestedContainerSession;

                    /**
                     * Creates a plain object from a LaunchNestedContainerSession message. Also converts values to other types if specified.
                     * @param message LaunchNestedContainerSession
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.LaunchNestedContainerSession, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this LaunchNestedContainerSession to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace LaunchNestedContainerSession {

                    /** Properties of a LaunchNestedContainerSession. */
                    interface $Properties {

                        /** LaunchNestedContainerSession container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** LaunchNestedContainerSession command */
                        command?: (meseta.v1.CommandInfo.$Properties|null);

                        /** LaunchNestedContainerSession container */
                        container?: (meseta.v1.ContainerInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LaunchNestedContainerSession. */
                    type $Shape = meseta.v1.agent.Call.LaunchNestedContainerSession.$Properties;
                }

                /**
                 * Properties of an AttachContainerInput.
                 * @deprecated Use meseta.v1.agent.Call.AttachContainerInput.$Properties instead.
                 */
                interface IAttachContainerInput extends meseta.v1.agent.Call.AttachContainerInput.$Properties {
                }

                /** Represents an AttachContainerInput. */
                class AttachContainerInput {

                    /**
                     * Constructs a new AttachContainerInput.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.AttachContainerInput.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** AttachContainerInput type. */
                    type: meseta.v1.agent.Call.AttachContainerInput.Type;

                    /** AttachContainerInput container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** AttachContainerInput process_io. */
                    process_io?: (meseta.v1.agent.ProcessIO.$Properties|null);

                    /**
                     * Creates a new AttachContainerInput instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns AttachContainerInput instance
                     */
                    static create(properties: meseta.v1.agent.Call.AttachContainerInput.$Shape): meseta.v1.agent.Call.AttachContainerInput & meseta.v1.agent.Call.AttachContainerInput.$Shape;
                    static create(properties?: meseta.v1.agent.Call.AttachContainerInput.$Properties): meseta.v1.agent.Call.AttachContainerInput;

                    /**
                     * Encodes the specified AttachContainerInput message. Does not implicitly {@link meseta.v1.agent.Call.AttachContainerInput.verify|verify} messages.
                     * @param message AttachContainerInput message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.AttachContainerInput.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an AttachContainerInput message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.AttachContainerInput & meseta.v1.agent.Call.AttachContainerInput.$Shape} AttachContainerInput
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.AttachContainerInput & meseta.v1.agent.Call.AttachContainerInput.$Shape;

                    /**
                     * Creates an AttachContainerInput message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns AttachContainerInput
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.AttachContainerInput;

                    /**
                     * Creates a plain object from an AttachContainerInput message. Also converts values to other types if specified.
                     * @param message AttachContainerInput
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.AttachContainerInput, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this AttachContainerInput to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace AttachContainerInput {

                    /** Properties of an AttachContainerInput. */
                    interface $Properties {

                        /** AttachContainerInput type */
                        type?: (meseta.v1.agent.Call.AttachContainerInput.Type|null);

                        /** AttachContainerInput container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** AttachContainerInput process_io */
                        process_io?: (meseta.v1.agent.ProcessIO.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an AttachContainerInput. */
                    type $Shape = meseta.v1.agent.Call.AttachContainerInput.$Properties;

                    /** Type enum. */
                    enum Type {

                        /** UNKNOWN value */
                        UNKNOWN = 0,

                        /** CONTAINER_ID value */
                        CONTAINER_ID = 1,

                        /** PROCESS_IO value */
                        PROCESS_IO = 2
                    }
                }

                /**
                 * Properties of an AttachContainerOutput.
                 * @deprecated Use meseta.v1.agent.Call.AttachContainerOutput.$Properties instead.
                 */
                interface IAttachContainerOutput extends meseta.v1.agent.Call.AttachContainerOutput.$Properties {
                }

                /** Represents an AttachContainerOutput. */
                class AttachContainerOutput {

                    /**
                     * Constructs a new AttachContainerOutput.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.AttachContainerOutput.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** AttachContainerOutput container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /**
                     * Creates a new AttachContainerOutput instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns AttachContainerOutput instance
                     */
                    static create(properties: meseta.v1.agent.Call.AttachContainerOutput.$Shape): meseta.v1.agent.Call.AttachContainerOutput & meseta.v1.agent.Call.AttachContainerOutput.$Shape;
                    static create(properties?: meseta.v1.agent.Call.AttachContainerOutput.$Properties): meseta.v1.agent.Call.AttachContainerOutput;

                    /**
                     * Encodes the specified AttachContainerOutput message. Does not implicitly {@link meseta.v1.agent.Call.AttachContainerOutput.verify|verify} messages.
                     * @param message AttachContainerOutput message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.AttachContainerOutput.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an AttachContainerOutput message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.AttachContainerOutput & meseta.v1.agent.Call.AttachContainerOutput.$Shape} AttachContainerOutput
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.AttachContainerOutput & meseta.v1.agent.Call.AttachContainerOutput.$Shape;

                    /**
                     * Creates an AttachContainerOutput message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns AttachContainerOutput
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.AttachContainerOutput;

                    /**
                     * Creates a plain object from an AttachContainerOutput message. Also converts values to other types if specified.
                     * @param message AttachContainerOutput
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.AttachContainerOutput, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this AttachContainerOutput to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace AttachContainerOutput {

                    /** Properties of an AttachContainerOutput. */
                    interface $Properties {

                        /** AttachContainerOutput container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an AttachContainerOutput. */
                    type $Shape = meseta.v1.agent.Call.AttachContainerOutput.$Properties;
                }

                /**
                 * Properties of a LaunchContainer.
                 * @deprecated Use meseta.v1.agent.Call.LaunchContainer.$Properties instead.
                 */
                interface ILaunchContainer extends meseta.v1.agent.Call.LaunchContainer.$Properties {
                }

                /** Represents a LaunchContainer. */
                class LaunchContainer {

                    /**
                     * Constructs a new LaunchContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.LaunchContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** LaunchContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** LaunchContainer command. */
                    command?: (meseta.v1.CommandInfo.$Properties|null);

                    /** LaunchContainer resources. */
                    resources: meseta.v1.Resource.$Properties[];

                    /** LaunchContainer container. */
                    container?: (meseta.v1.ContainerInfo.$Properties|null);

                    /**
                     * Creates a new LaunchContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns LaunchContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.LaunchContainer.$Shape): meseta.v1.agent.Call.LaunchContainer & meseta.v1.agent.Call.LaunchContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.LaunchContainer.$Properties): meseta.v1.agent.Call.LaunchContainer;

                    /**
                     * Encodes the specified LaunchContainer message. Does not implicitly {@link meseta.v1.agent.Call.LaunchContainer.verify|verify} messages.
                     * @param message LaunchContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.LaunchContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a LaunchContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.LaunchContainer & meseta.v1.agent.Call.LaunchContainer.$Shape} LaunchContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.LaunchContainer & meseta.v1.agent.Call.LaunchContainer.$Shape;

                    /**
                     * Creates a LaunchContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns LaunchContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.LaunchContainer;

                    /**
                     * Creates a plain object from a LaunchContainer message. Also converts values to other types if specified.
                     * @param message LaunchContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.LaunchContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this LaunchContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace LaunchContainer {

                    /** Properties of a LaunchContainer. */
                    interface $Properties {

                        /** LaunchContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** LaunchContainer command */
                        command?: (meseta.v1.CommandInfo.$Properties|null);

                        /** LaunchContainer resources */
                        resources?: (meseta.v1.Resource.$Properties[]|null);

                        /** LaunchContainer container */
                        container?: (meseta.v1.ContainerInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a LaunchContainer. */
                    type $Shape = meseta.v1.agent.Call.LaunchContainer.$Properties;
                }

                /**
                 * Properties of a WaitContainer.
                 * @deprecated Use meseta.v1.agent.Call.WaitContainer.$Properties instead.
                 */
                interface IWaitContainer extends meseta.v1.agent.Call.WaitContainer.$Properties {
                }

                /** Represents a WaitContainer. */
                class WaitContainer {

                    /**
                     * Constructs a new WaitContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.WaitContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** WaitContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /**
                     * Creates a new WaitContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns WaitContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.WaitContainer.$Shape): meseta.v1.agent.Call.WaitContainer & meseta.v1.agent.Call.WaitContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.WaitContainer.$Properties): meseta.v1.agent.Call.WaitContainer;

                    /**
                     * Encodes the specified WaitContainer message. Does not implicitly {@link meseta.v1.agent.Call.WaitContainer.verify|verify} messages.
                     * @param message WaitContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.WaitContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a WaitContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.WaitContainer & meseta.v1.agent.Call.WaitContainer.$Shape} WaitContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.WaitContainer & meseta.v1.agent.Call.WaitContainer.$Shape;

                    /**
                     * Creates a WaitContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns WaitContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.WaitContainer;

                    /**
                     * Creates a plain object from a WaitContainer message. Also converts values to other types if specified.
                     * @param message WaitContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.WaitContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this WaitContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace WaitContainer {

                    /** Properties of a WaitContainer. */
                    interface $Properties {

                        /** WaitContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a WaitContainer. */
                    type $Shape = meseta.v1.agent.Call.WaitContainer.$Properties;
                }

                /**
                 * Properties of a KillContainer.
                 * @deprecated Use meseta.v1.agent.Call.KillContainer.$Properties instead.
                 */
                interface IKillContainer extends meseta.v1.agent.Call.KillContainer.$Properties {
                }

                /** Represents a KillContainer. */
                class KillContainer {

                    /**
                     * Constructs a new KillContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.KillContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** KillContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /** KillContainer signal. */
                    signal: number;

                    /**
                     * Creates a new KillContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns KillContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.KillContainer.$Shape): meseta.v1.agent.Call.KillContainer & meseta.v1.agent.Call.KillContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.KillContainer.$Properties): meseta.v1.agent.Call.KillContainer;

                    /**
                     * Encodes the specified KillContainer message. Does not implicitly {@link meseta.v1.agent.Call.KillContainer.verify|verify} messages.
                     * @param message KillContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.KillContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a KillContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.KillContainer & meseta.v1.agent.Call.KillContainer.$Shape} KillContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.KillContainer & meseta.v1.agent.Call.KillContainer.$Shape;

                    /**
                     * Creates a KillContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns KillContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.KillContainer;

                    /**
                     * Creates a plain object from a KillContainer message. Also converts values to other types if specified.
                     * @param message KillContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.KillContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this KillContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace KillContainer {

                    /** Properties of a KillContainer. */
                    interface $Properties {

                        /** KillContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** KillContainer signal */
                        signal?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a KillContainer. */
                    type $Shape = meseta.v1.agent.Call.KillContainer.$Properties;
                }

                /**
                 * Properties of a RemoveContainer.
                 * @deprecated Use meseta.v1.agent.Call.RemoveContainer.$Properties instead.
                 */
                interface IRemoveContainer extends meseta.v1.agent.Call.RemoveContainer.$Properties {
                }

                /** Represents a RemoveContainer. */
                class RemoveContainer {

                    /**
                     * Constructs a new RemoveContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Call.RemoveContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** RemoveContainer container_id. */
                    container_id?: (meseta.v1.ContainerID.$Properties|null);

                    /**
                     * Creates a new RemoveContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns RemoveContainer instance
                     */
                    static create(properties: meseta.v1.agent.Call.RemoveContainer.$Shape): meseta.v1.agent.Call.RemoveContainer & meseta.v1.agent.Call.RemoveContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Call.RemoveContainer.$Properties): meseta.v1.agent.Call.RemoveContainer;

                    /**
                     * Encodes the specified RemoveContainer message. Does not implicitly {@link meseta.v1.agent.Call.RemoveContainer.verify|verify} messages.
                     * @param message RemoveContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Call.RemoveContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a RemoveContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Call.RemoveContainer & meseta.v1.agent.Call.RemoveContainer.$Shape} RemoveContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Call.RemoveContainer & meseta.v1.agent.Call.RemoveContainer.$Shape;

                    /**
                     * Creates a RemoveContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns RemoveContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Call.RemoveContainer;

                    /**
                     * Creates a plain object from a RemoveContainer message. Also converts values to other types if specified.
                     * @param message RemoveContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Call.RemoveContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this RemoveContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace RemoveContainer {

                    /** Properties of a RemoveContainer. */
                    interface $Properties {

                        /** RemoveContainer container_id */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a RemoveContainer. */
                    type $Shape = meseta.v1.agent.Call.RemoveContainer.$Properties;
                }
            }

            /**
             * Properties of a Response.
             * @deprecated Use meseta.v1.agent.Response.$Properties instead.
             */
            interface IResponse extends meseta.v1.agent.Response.$Properties {
            }

            /** Represents a Response. */
            class Response {

                /**
                 * Constructs a new Response.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.agent.Response.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Response type. */
                type: meseta.v1.agent.Response.Type;

                /** Response get_health. */
                get_health?: (meseta.v1.agent.Response.GetHealth.$Properties|null);

                /** Response get_flags. */
                get_flags?: (meseta.v1.agent.Response.GetFlags.$Properties|null);

                /** Response get_version. */
                get_version?: (meseta.v1.agent.Response.GetVersion.$Properties|null);

                /** Response get_metrics. */
                get_metrics?: (meseta.v1.agent.Response.GetMetrics.$Properties|null);

                /** Response get_logging_level. */
                get_logging_level?: (meseta.v1.agent.Response.GetLoggingLevel.$Properties|null);

                /** Response list_files. */
                list_files?: (meseta.v1.agent.Response.ListFiles.$Properties|null);

                /** Response read_file. */
                read_file?: (meseta.v1.agent.Response.ReadFile.$Properties|null);

                /** Response get_state. */
                get_state?: (meseta.v1.agent.Response.GetState.$Properties|null);

                /** Response get_containers. */
                get_containers?: (meseta.v1.agent.Response.GetContainers.$Properties|null);

                /** Response get_frameworks. */
                get_frameworks?: (meseta.v1.agent.Response.GetFrameworks.$Properties|null);

                /** Response get_executors. */
                get_executors?: (meseta.v1.agent.Response.GetExecutors.$Properties|null);

                /** Response get_tasks. */
                get_tasks?: (meseta.v1.agent.Response.GetTasks.$Properties|null);

                /** Response get_agent. */
                get_agent?: (meseta.v1.agent.Response.GetAgent.$Properties|null);

                /** Response wait_nested_container. */
                wait_nested_container?: (meseta.v1.agent.Response.WaitNestedContainer.$Properties|null);

                /** Response wait_container. */
                wait_container?: (meseta.v1.agent.Response.WaitContainer.$Properties|null);

                /**
                 * Creates a new Response instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Response instance
                 */
                static create(properties: meseta.v1.agent.Response.$Shape): meseta.v1.agent.Response & meseta.v1.agent.Response.$Shape;
                static create(properties?: meseta.v1.agent.Response.$Properties): meseta.v1.agent.Response;

                /**
                 * Encodes the specified Response message. Does not implicitly {@link meseta.v1.agent.Response.verify|verify} messages.
                 * @param message Response message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.agent.Response.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Response message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.agent.Response & meseta.v1.agent.Response.$Shape} Response
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response & meseta.v1.agent.Response.$Shape;

                /**
                 * Creates a Response message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Response
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response;

                /**
                 * Creates a plain object from a Response message. Also converts values to other types if specified.
                 * @param message Response
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.agent.Response, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Response to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Response {

                /** Properties of a Response. */
                interface $Properties {

                    /** Response type */
                    type?: (meseta.v1.agent.Response.Type|null);

                    /** Response get_health */
                    get_health?: (meseta.v1.agent.Response.GetHealth.$Properties|null);

                    /** Response get_flags */
                    get_flags?: (meseta.v1.agent.Response.GetFlags.$Properties|null);

                    /** Response get_version */
                    get_version?: (meseta.v1.agent.Response.GetVersion.$Properties|null);

                    /** Response get_metrics */
                    get_metrics?: (meseta.v1.agent.Response.GetMetrics.$Properties|null);

                    /** Response get_logging_level */
                    get_logging_level?: (meseta.v1.agent.Response.GetLoggingLevel.$Properties|null);

                    /** Response list_files */
                    list_files?: (meseta.v1.agent.Response.ListFiles.$Properties|null);

                    /** Response read_file */
                    read_file?: (meseta.v1.agent.Response.ReadFile.$Properties|null);

                    /** Response get_state */
                    get_state?: (meseta.v1.agent.Response.GetState.$Properties|null);

                    /** Response get_containers */
                    get_containers?: (meseta.v1.agent.Response.GetContainers.$Properties|null);

                    /** Response get_frameworks */
                    get_frameworks?: (meseta.v1.agent.Response.GetFrameworks.$Properties|null);

                    /** Response get_executors */
                    get_executors?: (meseta.v1.agent.Response.GetExecutors.$Properties|null);

                    /** Response get_tasks */
                    get_tasks?: (meseta.v1.agent.Response.GetTasks.$Properties|null);

                    /** Response get_agent */
                    get_agent?: (meseta.v1.agent.Response.GetAgent.$Properties|null);

                    /** Response wait_nested_container */
                    wait_nested_container?: (meseta.v1.agent.Response.WaitNestedContainer.$Properties|null);

                    /** Response wait_container */
                    wait_container?: (meseta.v1.agent.Response.WaitContainer.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Response. */
                type $Shape = meseta.v1.agent.Response.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** GET_HEALTH value */
                    GET_HEALTH = 1,

                    /** GET_FLAGS value */
                    GET_FLAGS = 2,

                    /** GET_VERSION value */
                    GET_VERSION = 3,

                    /** GET_METRICS value */
                    GET_METRICS = 4,

                    /** GET_LOGGING_LEVEL value */
                    GET_LOGGING_LEVEL = 5,

                    /** LIST_FILES value */
                    LIST_FILES = 6,

                    /** READ_FILE value */
                    READ_FILE = 7,

                    /** GET_STATE value */
                    GET_STATE = 8,

                    /** GET_CONTAINERS value */
                    GET_CONTAINERS = 9,

                    /** GET_FRAMEWORKS value */
                    GET_FRAMEWORKS = 10,

                    /** GET_EXECUTORS value */
                    GET_EXECUTORS = 11,

                    /** GET_OPERATIONS value */
                    GET_OPERATIONS = 17,

                    /** GET_TASKS value */
                    GET_TASKS = 12,

                    /** GET_AGENT value */
                    GET_AGENT = 14,

                    /** GET_RESOURCE_PROVIDERS value */
                    GET_RESOURCE_PROVIDERS = 16,

                    /** WAIT_NESTED_CONTAINER value */
                    WAIT_NESTED_CONTAINER = 13,

                    /** WAIT_CONTAINER value */
                    WAIT_CONTAINER = 15
                }

                /**
                 * Properties of a GetHealth.
                 * @deprecated Use meseta.v1.agent.Response.GetHealth.$Properties instead.
                 */
                interface IGetHealth extends meseta.v1.agent.Response.GetHealth.$Properties {
                }

                /** Represents a GetHealth. */
                class GetHealth {

                    /**
                     * Constructs a new GetHealth.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetHealth.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetHealth healthy. */
                    healthy: boolean;

                    /**
                     * Creates a new GetHealth instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetHealth instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetHealth.$Shape): meseta.v1.agent.Response.GetHealth & meseta.v1.agent.Response.GetHealth.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetHealth.$Properties): meseta.v1.agent.Response.GetHealth;

                    /**
                     * Encodes the specified GetHealth message. Does not implicitly {@link meseta.v1.agent.Response.GetHealth.verify|verify} messages.
                     * @param message GetHealth message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetHealth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetHealth message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetHealth & meseta.v1.agent.Response.GetHealth.$Shape} GetHealth
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetHealth & meseta.v1.agent.Response.GetHealth.$Shape;

                    /**
                     * Creates a GetHealth message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetHealth
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetHealth;

                    /**
                     * Creates a plain object from a GetHealth message. Also converts values to other types if specified.
                     * @param message GetHealth
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetHealth, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetHealth to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetHealth {

                    /** Properties of a GetHealth. */
                    interface $Properties {

                        /** GetHealth healthy */
                        healthy?: (boolean|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetHealth. */
                    type $Shape = meseta.v1.agent.Response.GetHealth.$Properties;
                }

                /**
                 * Properties of a GetFlags.
                 * @deprecated Use meseta.v1.agent.Response.GetFlags.$Properties instead.
                 */
                interface IGetFlags extends meseta.v1.agent.Response.GetFlags.$Properties {
                }

                /** Represents a GetFlags. */
                class GetFlags {

                    /**
                     * Constructs a new GetFlags.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetFlags.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFlags flags. */
                    flags: meseta.v1.Flag.$Properties[];

                    /**
                     * Creates a new GetFlags instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetFlags instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetFlags.$Shape): meseta.v1.agent.Response.GetFlags & meseta.v1.agent.Response.GetFlags.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetFlags.$Properties): meseta.v1.agent.Response.GetFlags;

                    /**
                     * Encodes the specified GetFlags message. Does not implicitly {@link meseta.v1.agent.Response.GetFlags.verify|verify} messages.
                     * @param message GetFlags message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetFlags.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFlags message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetFlags & meseta.v1.agent.Response.GetFlags.$Shape} GetFlags
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetFlags & meseta.v1.agent.Response.GetFlags.$Shape;

                    /**
                     * Creates a GetFlags message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetFlags
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetFlags;

                    /**
                     * Creates a plain object from a GetFlags message. Also converts values to other types if specified.
                     * @param message GetFlags
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetFlags, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetFlags to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetFlags {

                    /** Properties of a GetFlags. */
                    interface $Properties {

                        /** GetFlags flags */
                        flags?: (meseta.v1.Flag.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFlags. */
                    type $Shape = meseta.v1.agent.Response.GetFlags.$Properties;
                }

                /**
                 * Properties of a GetVersion.
                 * @deprecated Use meseta.v1.agent.Response.GetVersion.$Properties instead.
                 */
                interface IGetVersion extends meseta.v1.agent.Response.GetVersion.$Properties {
                }

                /** Represents a GetVersion. */
                class GetVersion {

                    /**
                     * Constructs a new GetVersion.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetVersion.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetVersion version_info. */
                    version_info?: (meseta.v1.VersionInfo.$Properties|null);

                    /**
                     * Creates a new GetVersion instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetVersion instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetVersion.$Shape): meseta.v1.agent.Response.GetVersion & meseta.v1.agent.Response.GetVersion.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetVersion.$Properties): meseta.v1.agent.Response.GetVersion;

                    /**
                     * Encodes the specified GetVersion message. Does not implicitly {@link meseta.v1.agent.Response.GetVersion.verify|verify} messages.
                     * @param message GetVersion message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetVersion.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetVersion message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetVersion & meseta.v1.agent.Response.GetVersion.$Shape} GetVersion
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetVersion & meseta.v1.agent.Response.GetVersion.$Shape;

                    /**
                     * Creates a GetVersion message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetVersion
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetVersion;

                    /**
                     * Creates a plain object from a GetVersion message. Also converts values to other types if specified.
                     * @param message GetVersion
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetVersion, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetVersion to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetVersion {

                    /** Properties of a GetVersion. */
                    interface $Properties {

                        /** GetVersion version_info */
                        version_info?: (meseta.v1.VersionInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetVersion. */
                    type $Shape = meseta.v1.agent.Response.GetVersion.$Properties;
                }

                /**
                 * Properties of a GetMetrics.
                 * @deprecated Use meseta.v1.agent.Response.GetMetrics.$Properties instead.
                 */
                interface IGetMetrics extends meseta.v1.agent.Response.GetMetrics.$Properties {
                }

                /** Represents a GetMetrics. */
                class GetMetrics {

                    /**
                     * Constructs a new GetMetrics.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetMetrics.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetMetrics metrics. */
                    metrics: meseta.v1.Metric.$Properties[];

                    /**
                     * Creates a new GetMetrics instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetMetrics instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetMetrics.$Shape): meseta.v1.agent.Response.GetMetrics & meseta.v1.agent.Response.GetMetrics.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetMetrics.$Properties): meseta.v1.agent.Response.GetMetrics;

                    /**
                     * Encodes the specified GetMetrics message. Does not implicitly {@link meseta.v1.agent.Response.GetMetrics.verify|verify} messages.
                     * @param message GetMetrics message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetMetrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetMetrics message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetMetrics & meseta.v1.agent.Response.GetMetrics.$Shape} GetMetrics
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetMetrics & meseta.v1.agent.Response.GetMetrics.$Shape;

                    /**
                     * Creates a GetMetrics message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetMetrics
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetMetrics;

                    /**
                     * Creates a plain object from a GetMetrics message. Also converts values to other types if specified.
                     * @param message GetMetrics
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetMetrics, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetMetrics to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetMetrics {

                    /** Properties of a GetMetrics. */
                    interface $Properties {

                        /** GetMetrics metrics */
                        metrics?: (meseta.v1.Metric.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetMetrics. */
                    type $Shape = meseta.v1.agent.Response.GetMetrics.$Properties;
                }

                /**
                 * Properties of a GetLoggingLevel.
                 * @deprecated Use meseta.v1.agent.Response.GetLoggingLevel.$Properties instead.
                 */
                interface IGetLoggingLevel extends meseta.v1.agent.Response.GetLoggingLevel.$Properties {
                }

                /** Represents a GetLoggingLevel. */
                class GetLoggingLevel {

                    /**
                     * Constructs a new GetLoggingLevel.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetLoggingLevel.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetLoggingLevel level. */
                    level: number;

                    /**
                     * Creates a new GetLoggingLevel instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetLoggingLevel instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetLoggingLevel.$Shape): meseta.v1.agent.Response.GetLoggingLevel & meseta.v1.agent.Response.GetLoggingLevel.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetLoggingLevel.$Properties): meseta.v1.agent.Response.GetLoggingLevel;

                    /**
                     * Encodes the specified GetLoggingLevel message. Does not implicitly {@link meseta.v1.agent.Response.GetLoggingLevel.verify|verify} messages.
                     * @param message GetLoggingLevel message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetLoggingLevel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetLoggingLevel message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetLoggingLevel & meseta.v1.agent.Response.GetLoggingLevel.$Shape} GetLoggingLevel
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetLoggingLevel & meseta.v1.agent.Response.GetLoggingLevel.$Shape;

                    /**
                     * Creates a GetLoggingLevel message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetLoggingLevel
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetLoggingLevel;

                    /**
                     * Creates a plain object from a GetLoggingLevel message. Also converts values to other types if specified.
                     * @param message GetLoggingLevel
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetLoggingLevel, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetLoggingLevel to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetLoggingLevel {

                    /** Properties of a GetLoggingLevel. */
                    interface $Properties {

                        /** GetLoggingLevel level */
                        level?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetLoggingLevel. */
                    type $Shape = meseta.v1.agent.Response.GetLoggingLevel.$Properties;
                }

                /**
                 * Properties of a ListFiles.
                 * @deprecated Use meseta.v1.agent.Response.ListFiles.$Properties instead.
                 */
                interface IListFiles extends meseta.v1.agent.Response.ListFiles.$Properties {
                }

                /** Represents a ListFiles. */
                class ListFiles {

                    /**
                     * Constructs a new ListFiles.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.ListFiles.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListFiles file_infos. */
                    file_infos: meseta.v1.FileInfo.$Properties[];

                    /**
                     * Creates a new ListFiles instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ListFiles instance
                     */
                    static create(properties: meseta.v1.agent.Response.ListFiles.$Shape): meseta.v1.agent.Response.ListFiles & meseta.v1.agent.Response.ListFiles.$Shape;
                    static create(properties?: meseta.v1.agent.Response.ListFiles.$Properties): meseta.v1.agent.Response.ListFiles;

                    /**
                     * Encodes the specified ListFiles message. Does not implicitly {@link meseta.v1.agent.Response.ListFiles.verify|verify} messages.
                     * @param message ListFiles message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.ListFiles.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListFiles message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.ListFiles & meseta.v1.agent.Response.ListFiles.$Shape} ListFiles
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.ListFiles & meseta.v1.agent.Response.ListFiles.$Shape;

                    /**
                     * Creates a ListFiles message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ListFiles
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.ListFiles;

                    /**
                     * Creates a plain object from a ListFiles message. Also converts values to other types if specified.
                     * @param message ListFiles
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.ListFiles, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ListFiles to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ListFiles {

                    /** Properties of a ListFiles. */
                    interface $Properties {

                        /** ListFiles file_infos */
                        file_infos?: (meseta.v1.FileInfo.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListFiles. */
                    type $Shape = meseta.v1.agent.Response.ListFiles.$Properties;
                }

                /**
                 * Properties of a ReadFile.
                 * @deprecated Use meseta.v1.agent.Response.ReadFile.$Properties instead.
                 */
                interface IReadFile extends meseta.v1.agent.Response.ReadFile.$Properties {
                }

                /** Represents a ReadFile. */
                class ReadFile {

                    /**
                     * Constructs a new ReadFile.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.ReadFile.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ReadFile size. */
                    size: number;

                    /** ReadFile data. */
                    data: Uint8Array;

                    /**
                     * Creates a new ReadFile instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ReadFile instance
                     */
                    static create(properties: meseta.v1.agent.Response.ReadFile.$Shape): meseta.v1.agent.Response.ReadFile & meseta.v1.agent.Response.ReadFile.$Shape;
                    static create(properties?: meseta.v1.agent.Response.ReadFile.$Properties): meseta.v1.agent.Response.ReadFile;

                    /**
                     * Encodes the specified ReadFile message. Does not implicitly {@link meseta.v1.agent.Response.ReadFile.verify|verify} messages.
                     * @param message ReadFile message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.ReadFile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ReadFile message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.ReadFile & meseta.v1.agent.Response.ReadFile.$Shape} ReadFile
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.ReadFile & meseta.v1.agent.Response.ReadFile.$Shape;

                    /**
                     * Creates a ReadFile message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ReadFile
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.ReadFile;

                    /**
                     * Creates a plain object from a ReadFile message. Also converts values to other types if specified.
                     * @param message ReadFile
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.ReadFile, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ReadFile to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ReadFile {

                    /** Properties of a ReadFile. */
                    interface $Properties {

                        /** ReadFile size */
                        size?: (number|null);

                        /** ReadFile data */
                        data?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ReadFile. */
                    type $Shape = meseta.v1.agent.Response.ReadFile.$Properties;
                }

                /**
                 * Properties of a GetState.
                 * @deprecated Use meseta.v1.agent.Response.GetState.$Properties instead.
                 */
                interface IGetState extends meseta.v1.agent.Response.GetState.$Properties {
                }

                /** Represents a GetState. */
                class GetState {

                    /**
                     * Constructs a new GetState.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetState.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetState get_tasks. */
                    get_tasks?: (meseta.v1.agent.Response.GetTasks.$Properties|null);

                    /** GetState get_executors. */
                    get_executors?: (meseta.v1.agent.Response.GetExecutors.$Properties|null);

                    /** GetState get_frameworks. */
                    get_frameworks?: (meseta.v1.agent.Response.GetFrameworks.$Properties|null);

                    /**
                     * Creates a new GetState instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetState instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetState.$Shape): meseta.v1.agent.Response.GetState & meseta.v1.agent.Response.GetState.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetState.$Properties): meseta.v1.agent.Response.GetState;

                    /**
                     * Encodes the specified GetState message. Does not implicitly {@link meseta.v1.agent.Response.GetState.verify|verify} messages.
                     * @param message GetState message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetState message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetState & meseta.v1.agent.Response.GetState.$Shape} GetState
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetState & meseta.v1.agent.Response.GetState.$Shape;

                    /**
                     * Creates a GetState message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetState
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetState;

                    /**
                     * Creates a plain object from a GetState message. Also converts values to other types if specified.
                     * @param message GetState
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetState, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetState to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetState {

                    /** Properties of a GetState. */
                    interface $Properties {

                        /** GetState get_tasks */
                        get_tasks?: (meseta.v1.agent.Response.GetTasks.$Properties|null);

                        /** GetState get_executors */
                        get_executors?: (meseta.v1.agent.Response.GetExecutors.$Properties|null);

                        /** GetState get_frameworks */
                        get_frameworks?: (meseta.v1.agent.Response.GetFrameworks.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetState. */
                    type $Shape = meseta.v1.agent.Response.GetState.$Properties;
                }

                /**
                 * Properties of a GetContainers.
                 * @deprecated Use meseta.v1.agent.Response.GetContainers.$Properties instead.
                 */
                interface IGetContainers extends meseta.v1.agent.Response.GetContainers.$Properties {
                }

                /** Represents a GetContainers. */
                class GetContainers {

                    /**
                     * Constructs a new GetContainers.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetContainers.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetContainers containers. */
                    containers: meseta.v1.agent.Response.GetContainers.Container.$Properties[];

                    /**
                     * Creates a new GetContainers instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetContainers instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetContainers.$Shape): meseta.v1.agent.Response.GetContainers & meseta.v1.agent.Response.GetContainers.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetContainers.$Properties): meseta.v1.agent.Response.GetContainers;

                    /**
                     * Encodes the specified GetContainers message. Does not implicitly {@link meseta.v1.agent.Response.GetContainers.verify|verify} messages.
                     * @param message GetContainers message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetContainers.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetContainers message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetContainers & meseta.v1.agent.Response.GetContainers.$Shape} GetContainers
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetContainers & meseta.v1.agent.Response.GetContainers.$Shape;

                    /**
                     * Creates a GetContainers message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetContainers
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetContainers;

                    /**
                     * Creates a plain object from a GetContainers message. Also converts values to other types if specified.
                     * @param message GetContainers
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetContainers, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetContainers to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetContainers {

                    /** Properties of a GetContainers. */
                    interface $Properties {

                        /** GetContainers containers */
                        containers?: (meseta.v1.agent.Response.GetContainers.Container.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetContainers. */
                    type $Shape = meseta.v1.agent.Response.GetContainers.$Properties;

                    /**
                     * Properties of a Container.
                     * @deprecated Use meseta.v1.agent.Response.GetContainers.Container.$Properties instead.
                     */
                    interface IContainer extends meseta.v1.agent.Response.GetContainers.Container.$Properties {
                    }

                    /** Represents a Container. */
                    class Container {

                        /**
                         * Constructs a new Container.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.agent.Response.GetContainers.Container.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Container framework_id. */
                        framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                        /** Container executor_id. */
                        executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                        /** Container executor_name. */
                        executor_name: string;

                        /** Container container_id. */
                        container_id?: (meseta.v1.ContainerID.$Properties|null);

                        /** Container container_status. */
                        container_status?: (meseta.v1.ContainerStatus.$Properties|null);

                        /** Container resource_statistics. */
                        resource_statistics?: (meseta.v1.ResourceStatistics.$Properties|null);

                        /**
                         * Creates a new Container instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Container instance
                         */
                        static create(properties: meseta.v1.agent.Response.GetContainers.Container.$Shape): meseta.v1.agent.Response.GetContainers.Container & meseta.v1.agent.Response.GetContainers.Container.$Shape;
                        static create(properties?: meseta.v1.agent.Response.GetContainers.Container.$Properties): meseta.v1.agent.Response.GetContainers.Container;

                        /**
                         * Encodes the specified Container message. Does not implicitly {@link meseta.v1.agent.Response.GetContainers.Container.verify|verify} messages.
                         * @param message Container message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.agent.Response.GetContainers.Container.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes a Container message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.agent.Response.GetContainers.Container & meseta.v1.agent.Response.GetContainers.Container.$Shape} Container
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetContainers.Container & meseta.v1.agent.Response.GetContainers.Container.$Shape;

                        /**
                         * Creates a Container message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Container
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetContainers.Container;

                        /**
                         * Creates a plain object from a Container message. Also converts values to other types if specified.
                         * @param message Container
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.agent.Response.GetContainers.Container, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Container to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Container {

                        /** Properties of a Container. */
                        interface $Properties {

                            /** Container framework_id */
                            framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                            /** Container executor_id */
                            executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                            /** Container executor_name */
                            executor_name?: (string|null);

                            /** Container container_id */
                            container_id?: (meseta.v1.ContainerID.$Properties|null);

                            /** Container container_status */
                            container_status?: (meseta.v1.ContainerStatus.$Properties|null);

                            /** Container resource_statistics */
                            resource_statistics?: (meseta.v1.ResourceStatistics.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of a Container. */
                        type $Shape = meseta.v1.agent.Response.GetContainers.Container.$Properties;
                    }
                }

                /**
                 * Properties of a GetFrameworks.
                 * @deprecated Use meseta.v1.agent.Response.GetFrameworks.$Properties instead.
                 */
                interface IGetFrameworks extends meseta.v1.agent.Response.GetFrameworks.$Properties {
                }

                /** Represents a GetFrameworks. */
                class GetFrameworks {

                    /**
                     * Constructs a new GetFrameworks.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetFrameworks.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFrameworks frameworks. */
                    frameworks: meseta.v1.agent.Response.GetFrameworks.Framework.$Properties[];

                    /** GetFrameworks completed_frameworks. */
                    completed_frameworks: meseta.v1.agent.Response.GetFrameworks.Framework.$Properties[];

                    /**
                     * Creates a new GetFrameworks instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetFrameworks instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetFrameworks.$Shape): meseta.v1.agent.Response.GetFrameworks & meseta.v1.agent.Response.GetFrameworks.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetFrameworks.$Properties): meseta.v1.agent.Response.GetFrameworks;

                    /**
                     * Encodes the specified GetFrameworks message. Does not implicitly {@link meseta.v1.agent.Response.GetFrameworks.verify|verify} messages.
                     * @param message GetFrameworks message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetFrameworks.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFrameworks message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetFrameworks & meseta.v1.agent.Response.GetFrameworks.$Shape} GetFrameworks
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetFrameworks & meseta.v1.agent.Response.GetFrameworks.$Shape;

                    /**
                     * Creates a GetFrameworks message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetFrameworks
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetFrameworks;

                    /**
                     * Creates a plain object from a GetFrameworks message. Also converts values to other types if specified.
                     * @param message GetFrameworks
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetFrameworks, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetFrameworks to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetFrameworks {

                    /** Properties of a GetFrameworks. */
                    interface $Properties {

                        /** GetFrameworks frameworks */
                        frameworks?: (meseta.v1.agent.Response.GetFrameworks.Framework.$Properties[]|null);

                        /** GetFrameworks completed_frameworks */
                        completed_frameworks?: (meseta.v1.agent.Response.GetFrameworks.Framework.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFrameworks. */
                    type $Shape = meseta.v1.agent.Response.GetFrameworks.$Properties;

                    /**
                     * Properties of a Framework.
                     * @deprecated Use meseta.v1.agent.Response.GetFrameworks.Framework.$Properties instead.
                     */
                    interface IFramework extends meseta.v1.agent.Response.GetFrameworks.Framework.$Properties {
                    }

                    /** Represents a Framework. */
                    class Framework {

                        /**
                         * Constructs a new Framework.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.agent.Response.GetFrameworks.Framework.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Framework framework_info. */
                        framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                        /**
                         * Creates a new Framework instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Framework instance
                         */
                        static create(properties: meseta.v1.agent.Response.GetFrameworks.Framework.$Shape): meseta.v1.agent.Response.GetFrameworks.Framework & meseta.v1.agent.Response.GetFrameworks.Framework.$Shape;
                        static create(properties?: meseta.v1.agent.Response.GetFrameworks.Framework.$Properties): meseta.v1.agent.Response.GetFrameworks.Framework;

                        /**
                         * Encodes the specified Framework message. Does not implicitly {@link meseta.v1.agent.Response.GetFrameworks.Framework.verify|verify} messages.
                         * @param message Framework message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.agent.Response.GetFrameworks.Framework.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes a Framework message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.agent.Response.GetFrameworks.Framework & meseta.v1.agent.Response.GetFrameworks.Framework.$Shape} Framework
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetFrameworks.Framework & meseta.v1.agent.Response.GetFrameworks.Framework.$Shape;

                        /**
                         * Creates a Framework message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Framework
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetFrameworks.Framework;

                        /**
                         * Creates a plain object from a Framework message. Also converts values to other types if specified.
                         * @param message Framework
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.agent.Response.GetFrameworks.Framework, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Framework to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Framework {

                        /** Properties of a Framework. */
                        interface $Properties {

                            /** Framework framework_info */
                            framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of a Framework. */
                        type $Shape = meseta.v1.agent.Response.GetFrameworks.Framework.$Properties;
                    }
                }

                /**
                 * Properties of a GetExecutors.
                 * @deprecated Use meseta.v1.agent.Response.GetExecutors.$Properties instead.
                 */
                interface IGetExecutors extends meseta.v1.agent.Response.GetExecutors.$Properties {
                }

                /** Represents a GetExecutors. */
                class GetExecutors {

                    /**
                     * Constructs a new GetExecutors.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetExecutors.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetExecutors executors. */
                    executors: meseta.v1.agent.Response.GetExecutors.Executor.$Properties[];

                    /** GetExecutors completed_executors. */
                    completed_executors: meseta.v1.agent.Response.GetExecutors.Executor.$Properties[];

                    /**
                     * Creates a new GetExecutors instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetExecutors instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetExecutors.$Shape): meseta.v1.agent.Response.GetExecutors & meseta.v1.agent.Response.GetExecutors.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetExecutors.$Properties): meseta.v1.agent.Response.GetExecutors;

                    /**
                     * Encodes the specified GetExecutors message. Does not implicitly {@link meseta.v1.agent.Response.GetExecutors.verify|verify} messages.
                     * @param message GetExecutors message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetExecutors.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetExecutors message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetExecutors & meseta.v1.agent.Response.GetExecutors.$Shape} GetExecutors
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetExecutors & meseta.v1.agent.Response.GetExecutors.$Shape;

                    /**
                     * Creates a GetExecutors message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetExecutors
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetExecutors;

                    /**
                     * Creates a plain object from a GetExecutors message. Also converts values to other types if specified.
                     * @param message GetExecutors
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetExecutors, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetExecutors to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetExecutors {

                    /** Properties of a GetExecutors. */
                    interface $Properties {

                        /** GetExecutors executors */
                        executors?: (meseta.v1.agent.Response.GetExecutors.Executor.$Properties[]|null);

                        /** GetExecutors completed_executors */
                        completed_executors?: (meseta.v1.agent.Response.GetExecutors.Executor.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetExecutors. */
                    type $Shape = meseta.v1.agent.Response.GetExecutors.$Properties;

                    /**
                     * Properties of an Executor.
                     * @deprecated Use meseta.v1.agent.Response.GetExecutors.Executor.$Properties instead.
                     */
                    interface IExecutor extends meseta.v1.agent.Response.GetExecutors.Executor.$Properties {
                    }

                    /** Represents an Executor. */
                    class Executor {

                        /**
                         * Constructs a new Executor.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.agent.Response.GetExecutors.Executor.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Executor executor_info. */
                        executor_info?: (meseta.v1.ExecutorInfo.$Properties|null);

                        /**
                         * Creates a new Executor instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Executor instance
                         */
                        static create(properties: meseta.v1.agent.Response.GetExecutors.Executor.$Shape): meseta.v1.agent.Response.GetExecutors.Executor & meseta.v1.agent.Response.GetExecutors.Executor.$Shape;
                        static create(properties?: meseta.v1.agent.Response.GetExecutors.Executor.$Properties): meseta.v1.agent.Response.GetExecutors.Executor;

                        /**
                         * Encodes the specified Executor message. Does not implicitly {@link meseta.v1.agent.Response.GetExecutors.Executor.verify|verify} messages.
                         * @param message Executor message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.agent.Response.GetExecutors.Executor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes an Executor message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.agent.Response.GetExecutors.Executor & meseta.v1.agent.Response.GetExecutors.Executor.$Shape} Executor
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetExecutors.Executor & meseta.v1.agent.Response.GetExecutors.Executor.$Shape;

                        /**
                         * Creates an Executor message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Executor
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetExecutors.Executor;

                        /**
                         * Creates a plain object from an Executor message. Also converts values to other types if specified.
                         * @param message Executor
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.agent.Response.GetExecutors.Executor, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Executor to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Executor {

                        /** Properties of an Executor. */
                        interface $Properties {

                            /** Executor executor_info */
                            executor_info?: (meseta.v1.ExecutorInfo.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of an Executor. */
                        type $Shape = meseta.v1.agent.Response.GetExecutors.Executor.$Properties;
                    }
                }

                /**
                 * Properties of a GetTasks.
                 * @deprecated Use meseta.v1.agent.Response.GetTasks.$Properties instead.
                 */
                interface IGetTasks extends meseta.v1.agent.Response.GetTasks.$Properties {
                }

                /** Represents a GetTasks. */
                class GetTasks {

                    /**
                     * Constructs a new GetTasks.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetTasks.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetTasks pending_tasks. */
                    pending_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks queued_tasks. */
                    queued_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks launched_tasks. */
                    launched_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks terminated_tasks. */
                    terminated_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks completed_tasks. */
                    completed_tasks: meseta.v1.Task.$Properties[];

                    /**
                     * Creates a new GetTasks instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetTasks instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetTasks.$Shape): meseta.v1.agent.Response.GetTasks & meseta.v1.agent.Response.GetTasks.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetTasks.$Properties): meseta.v1.agent.Response.GetTasks;

                    /**
                     * Encodes the specified GetTasks message. Does not implicitly {@link meseta.v1.agent.Response.GetTasks.verify|verify} messages.
                     * @param message GetTasks message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetTasks.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetTasks message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetTasks & meseta.v1.agent.Response.GetTasks.$Shape} GetTasks
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetTasks & meseta.v1.agent.Response.GetTasks.$Shape;

                    /**
                     * Creates a GetTasks message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetTasks
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetTasks;

                    /**
                     * Creates a plain object from a GetTasks message. Also converts values to other types if specified.
                     * @param message GetTasks
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetTasks, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetTasks to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetTasks {

                    /** Properties of a GetTasks. */
                    interface $Properties {

                        /** GetTasks pending_tasks */
                        pending_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks queued_tasks */
                        queued_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks launched_tasks */
                        launched_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks terminated_tasks */
                        terminated_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks completed_tasks */
                        completed_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetTasks. */
                    type $Shape = meseta.v1.agent.Response.GetTasks.$Properties;
                }

                /**
                 * Properties of a GetAgent.
                 * @deprecated Use meseta.v1.agent.Response.GetAgent.$Properties instead.
                 */
                interface IGetAgent extends meseta.v1.agent.Response.GetAgent.$Properties {
                }

                /** Represents a GetAgent. */
                class GetAgent {

                    /**
                     * Constructs a new GetAgent.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.GetAgent.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetAgent agent_info. */
                    agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                    /**
                     * Creates a new GetAgent instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetAgent instance
                     */
                    static create(properties: meseta.v1.agent.Response.GetAgent.$Shape): meseta.v1.agent.Response.GetAgent & meseta.v1.agent.Response.GetAgent.$Shape;
                    static create(properties?: meseta.v1.agent.Response.GetAgent.$Properties): meseta.v1.agent.Response.GetAgent;

                    /**
                     * Encodes the specified GetAgent message. Does not implicitly {@link meseta.v1.agent.Response.GetAgent.verify|verify} messages.
                     * @param message GetAgent message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.GetAgent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetAgent message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.GetAgent & meseta.v1.agent.Response.GetAgent.$Shape} GetAgent
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.GetAgent & meseta.v1.agent.Response.GetAgent.$Shape;

                    /**
                     * Creates a GetAgent message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetAgent
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.GetAgent;

                    /**
                     * Creates a plain object from a GetAgent message. Also converts values to other types if specified.
                     * @param message GetAgent
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.GetAgent, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetAgent to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetAgent {

                    /** Properties of a GetAgent. */
                    interface $Properties {

                        /** GetAgent agent_info */
                        agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetAgent. */
                    type $Shape = meseta.v1.agent.Response.GetAgent.$Properties;
                }

                /**
                 * Properties of a WaitNestedContainer.
                 * @deprecated Use meseta.v1.agent.Response.WaitNestedContainer.$Properties instead.
                 */
                interface IWaitNestedContainer extends meseta.v1.agent.Response.WaitNestedContainer.$Properties {
                }

                /** Represents a WaitNestedContainer. */
                class WaitNestedContainer {

                    /**
                     * Constructs a new WaitNestedContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.WaitNestedContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** WaitNestedContainer exit_status. */
                    exit_status: number;

                    /** WaitNestedContainer state. */
                    state: meseta.v1.TaskState;

                    /** WaitNestedContainer reason. */
                    reason: meseta.v1.TaskStatus.Reason;

                    /** WaitNestedContainer limitation. */
                    limitation?: (meseta.v1.TaskResourceLimitation.$Properties|null);

                    /** WaitNestedContainer message. */
                    message: string;

                    /**
                     * Creates a new WaitNestedContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns WaitNestedContainer instance
                     */
                    static create(properties: meseta.v1.agent.Response.WaitNestedContainer.$Shape): meseta.v1.agent.Response.WaitNestedContainer & meseta.v1.agent.Response.WaitNestedContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Response.WaitNestedContainer.$Properties): meseta.v1.agent.Response.WaitNestedContainer;

                    /**
                     * Encodes the specified WaitNestedContainer message. Does not implicitly {@link meseta.v1.agent.Response.WaitNestedContainer.verify|verify} messages.
                     * @param message WaitNestedContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.WaitNestedContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a WaitNestedContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.WaitNestedContainer & meseta.v1.agent.Response.WaitNestedContainer.$Shape} WaitNestedContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.WaitNestedContainer & meseta.v1.agent.Response.WaitNestedContainer.$Shape;

                    /**
                     * Creates a WaitNestedContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns WaitNestedContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.WaitNestedContainer;

                    /**
                     * Creates a plain object from a WaitNestedContainer message. Also converts values to other types if specified.
                     * @param message WaitNestedContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.WaitNestedContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this WaitNestedContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace WaitNestedContainer {

                    /** Properties of a WaitNestedContainer. */
                    interface $Properties {

                        /** WaitNestedContainer exit_status */
                        exit_status?: (number|null);

                        /** WaitNestedContainer state */
                        state?: (meseta.v1.TaskState|null);

                        /** WaitNestedContainer reason */
                        reason?: (meseta.v1.TaskStatus.Reason|null);

                        /** WaitNestedContainer limitation */
                        limitation?: (meseta.v1.TaskResourceLimitation.$Properties|null);

                        /** WaitNestedContainer message */
                        message?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a WaitNestedContainer. */
                    type $Shape = meseta.v1.agent.Response.WaitNestedContainer.$Properties;
                }

                /**
                 * Properties of a WaitContainer.
                 * @deprecated Use meseta.v1.agent.Response.WaitContainer.$Properties instead.
                 */
                interface IWaitContainer extends meseta.v1.agent.Response.WaitContainer.$Properties {
                }

                /** Represents a WaitContainer. */
                class WaitContainer {

                    /**
                     * Constructs a new WaitContainer.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.Response.WaitContainer.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** WaitContainer exit_status. */
                    exit_status: number;

                    /** WaitContainer state. */
                    state: meseta.v1.TaskState;

                    /** WaitContainer reason. */
                    reason: meseta.v1.TaskStatus.Reason;

                    /** WaitContainer limitation. */
                    limitation?: (meseta.v1.TaskResourceLimitation.$Properties|null);

                    /** WaitContainer message. */
                    message: string;

                    /**
                     * Creates a new WaitContainer instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns WaitContainer instance
                     */
                    static create(properties: meseta.v1.agent.Response.WaitContainer.$Shape): meseta.v1.agent.Response.WaitContainer & meseta.v1.agent.Response.WaitContainer.$Shape;
                    static create(properties?: meseta.v1.agent.Response.WaitContainer.$Properties): meseta.v1.agent.Response.WaitContainer;

                    /**
                     * Encodes the specified WaitContainer message. Does not implicitly {@link meseta.v1.agent.Response.WaitContainer.verify|verify} messages.
                     * @param message WaitContainer message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.Response.WaitContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a WaitContainer message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.Response.WaitContainer & meseta.v1.agent.Response.WaitContainer.$Shape} WaitContainer
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.Response.WaitContainer & meseta.v1.agent.Response.WaitContainer.$Shape;

                    /**
                     * Creates a WaitContainer message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns WaitContainer
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.Response.WaitContainer;

                    /**
                     * Creates a plain object from a WaitContainer message. Also converts values to other types if specified.
                     * @param message WaitContainer
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.Response.WaitContainer, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this WaitContainer to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace WaitContainer {

                    /** Properties of a WaitContainer. */
                    interface $Properties {

                        /** WaitContainer exit_status */
                        exit_status?: (number|null);

                        /** WaitContainer state */
                        state?: (meseta.v1.TaskState|null);

                        /** WaitContainer reason */
                        reason?: (meseta.v1.TaskStatus.Reason|null);

                        /** WaitContainer limitation */
                        limitation?: (meseta.v1.TaskResourceLimitation.$Properties|null);

                        /** WaitContainer message */
                        message?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a WaitContainer. */
                    type $Shape = meseta.v1.agent.Response.WaitContainer.$Properties;
                }
            }

            /**
             * Properties of a ProcessIO.
             * @deprecated Use meseta.v1.agent.ProcessIO.$Properties instead.
             */
            interface IProcessIO extends meseta.v1.agent.ProcessIO.$Properties {
            }

            /** Represents a ProcessIO. */
            class ProcessIO {

                /**
                 * Constructs a new ProcessIO.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.agent.ProcessIO.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** ProcessIO type. */
                type: meseta.v1.agent.ProcessIO.Type;

                /** ProcessIO data. */
                data?: (meseta.v1.agent.ProcessIO.Data.$Properties|null);

                /** ProcessIO control. */
                control?: (meseta.v1.agent.ProcessIO.Control.$Properties|null);

                /**
                 * Creates a new ProcessIO instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns ProcessIO instance
                 */
                static create(properties: meseta.v1.agent.ProcessIO.$Shape): meseta.v1.agent.ProcessIO & meseta.v1.agent.ProcessIO.$Shape;
                static create(properties?: meseta.v1.agent.ProcessIO.$Properties): meseta.v1.agent.ProcessIO;

                /**
                 * Encodes the specified ProcessIO message. Does not implicitly {@link meseta.v1.agent.ProcessIO.verify|verify} messages.
                 * @param message ProcessIO message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.agent.ProcessIO.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a ProcessIO message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.agent.ProcessIO & meseta.v1.agent.ProcessIO.$Shape} ProcessIO
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.ProcessIO & meseta.v1.agent.ProcessIO.$Shape;

                /**
                 * Creates a ProcessIO message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns ProcessIO
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.agent.ProcessIO;

                /**
                 * Creates a plain object from a ProcessIO message. Also converts values to other types if specified.
                 * @param message ProcessIO
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.agent.ProcessIO, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this ProcessIO to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace ProcessIO {

                /** Properties of a ProcessIO. */
                interface $Properties {

                    /** ProcessIO type */
                    type?: (meseta.v1.agent.ProcessIO.Type|null);

                    /** ProcessIO data */
                    data?: (meseta.v1.agent.ProcessIO.Data.$Properties|null);

                    /** ProcessIO control */
                    control?: (meseta.v1.agent.ProcessIO.Control.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a ProcessIO. */
                type $Shape = meseta.v1.agent.ProcessIO.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** DATA value */
                    DATA = 1,

                    /** CONTROL value */
                    CONTROL = 2
                }

                /**
                 * Properties of a Data.
                 * @deprecated Use meseta.v1.agent.ProcessIO.Data.$Properties instead.
                 */
                interface IData extends meseta.v1.agent.ProcessIO.Data.$Properties {
                }

                /** Represents a Data. */
                class Data {

                    /**
                     * Constructs a new Data.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.ProcessIO.Data.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Data type. */
                    type: meseta.v1.agent.ProcessIO.Data.Type;

                    /** Data data. */
                    data: Uint8Array;

                    /**
                     * Creates a new Data instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Data instance
                     */
                    static create(properties: meseta.v1.agent.ProcessIO.Data.$Shape): meseta.v1.agent.ProcessIO.Data & meseta.v1.agent.ProcessIO.Data.$Shape;
                    static create(properties?: meseta.v1.agent.ProcessIO.Data.$Properties): meseta.v1.agent.ProcessIO.Data;

                    /**
                     * Encodes the specified Data message. Does not implicitly {@link meseta.v1.agent.ProcessIO.Data.verify|verify} messages.
                     * @param message Data message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.ProcessIO.Data.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Data message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.ProcessIO.Data & meseta.v1.agent.ProcessIO.Data.$Shape} Data
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.ProcessIO.Data & meseta.v1.agent.ProcessIO.Data.$Shape;

                    /**
                     * Creates a Data message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Data
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.ProcessIO.Data;

                    /**
                     * Creates a plain object from a Data message. Also converts values to other types if specified.
                     * @param message Data
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.ProcessIO.Data, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Data to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Data {

                    /** Properties of a Data. */
                    interface $Properties {

                        /** Data type */
                        type?: (meseta.v1.agent.ProcessIO.Data.Type|null);

                        /** Data data */
                        data?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Data. */
                    type $Shape = meseta.v1.agent.ProcessIO.Data.$Properties;

                    /** Type enum. */
                    enum Type {

                        /** UNKNOWN value */
                        UNKNOWN = 0,

                        /** STDIN value */
                        STDIN = 1,

                        /** STDOUT value */
                        STDOUT = 2,

                        /** STDERR value */
                        STDERR = 3
                    }
                }

                /**
                 * Properties of a Control.
                 * @deprecated Use meseta.v1.agent.ProcessIO.Control.$Properties instead.
                 */
                interface IControl extends meseta.v1.agent.ProcessIO.Control.$Properties {
                }

                /** Represents a Control. */
                class Control {

                    /**
                     * Constructs a new Control.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.agent.ProcessIO.Control.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Control type. */
                    type: meseta.v1.agent.ProcessIO.Control.Type;

                    /** Control tty_info. */
                    tty_info?: (meseta.v1.TTYInfo.$Properties|null);

                    /** Control heartbeat. */
                    heartbeat?: (meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties|null);

                    /**
                     * Creates a new Control instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Control instance
                     */
                    static create(properties: meseta.v1.agent.ProcessIO.Control.$Shape): meseta.v1.agent.ProcessIO.Control & meseta.v1.agent.ProcessIO.Control.$Shape;
                    static create(properties?: meseta.v1.agent.ProcessIO.Control.$Properties): meseta.v1.agent.ProcessIO.Control;

                    /**
                     * Encodes the specified Control message. Does not implicitly {@link meseta.v1.agent.ProcessIO.Control.verify|verify} messages.
                     * @param message Control message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.agent.ProcessIO.Control.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Control message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.agent.ProcessIO.Control & meseta.v1.agent.ProcessIO.Control.$Shape} Control
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.ProcessIO.Control & meseta.v1.agent.ProcessIO.Control.$Shape;

                    /**
                     * Creates a Control message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Control
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.agent.ProcessIO.Control;

                    /**
                     * Creates a plain object from a Control message. Also converts values to other types if specified.
                     * @param message Control
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.agent.ProcessIO.Control, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Control to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Control {

                    /** Properties of a Control. */
                    interface $Properties {

                        /** Control type */
                        type?: (meseta.v1.agent.ProcessIO.Control.Type|null);

                        /** Control tty_info */
                        tty_info?: (meseta.v1.TTYInfo.$Properties|null);

                        /** Control heartbeat */
                        heartbeat?: (meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Control. */
                    type $Shape = meseta.v1.agent.ProcessIO.Control.$Properties;

                    /** Type enum. */
                    enum Type {

                        /** UNKNOWN value */
                        UNKNOWN = 0,

                        /** TTY_INFO value */
                        TTY_INFO = 1,

                        /** HEARTBEAT value */
                        HEARTBEAT = 2
                    }

                    /**
                     * Properties of a Heartbeat.
                     * @deprecated Use meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties instead.
                     */
                    interface IHeartbeat extends meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties {
                    }

                    /** Represents a Heartbeat. */
                    class Heartbeat {

                        /**
                         * Constructs a new Heartbeat.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Heartbeat interval. */
                        interval?: (meseta.v1.DurationInfo.$Properties|null);

                        /**
                         * Creates a new Heartbeat instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Heartbeat instance
                         */
                        static create(properties: meseta.v1.agent.ProcessIO.Control.Heartbeat.$Shape): meseta.v1.agent.ProcessIO.Control.Heartbeat & meseta.v1.agent.ProcessIO.Control.Heartbeat.$Shape;
                        static create(properties?: meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties): meseta.v1.agent.ProcessIO.Control.Heartbeat;

                        /**
                         * Encodes the specified Heartbeat message. Does not implicitly {@link meseta.v1.agent.ProcessIO.Control.Heartbeat.verify|verify} messages.
                         * @param message Heartbeat message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes a Heartbeat message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.agent.ProcessIO.Control.Heartbeat & meseta.v1.agent.ProcessIO.Control.Heartbeat.$Shape} Heartbeat
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.agent.ProcessIO.Control.Heartbeat & meseta.v1.agent.ProcessIO.Control.Heartbeat.$Shape;

                        /**
                         * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Heartbeat
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.agent.ProcessIO.Control.Heartbeat;

                        /**
                         * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
                         * @param message Heartbeat
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.agent.ProcessIO.Control.Heartbeat, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Heartbeat to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Heartbeat {

                        /** Properties of a Heartbeat. */
                        interface $Properties {

                            /** Heartbeat interval */
                            interval?: (meseta.v1.DurationInfo.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of a Heartbeat. */
                        type $Shape = meseta.v1.agent.ProcessIO.Control.Heartbeat.$Properties;
                    }
                }
            }
        }

        /**
         * Properties of a TimeInfo.
         * @deprecated Use meseta.v1.TimeInfo.$Properties instead.
         */
        interface ITimeInfo extends meseta.v1.TimeInfo.$Properties {
        }

        /** Represents a TimeInfo. */
        class TimeInfo {

            /**
             * Constructs a new TimeInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TimeInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TimeInfo nanoseconds. */
            nanoseconds: number;

            /**
             * Creates a new TimeInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TimeInfo instance
             */
            static create(properties: meseta.v1.TimeInfo.$Shape): meseta.v1.TimeInfo & meseta.v1.TimeInfo.$Shape;
            static create(properties?: meseta.v1.TimeInfo.$Properties): meseta.v1.TimeInfo;

            /**
             * Encodes the specified TimeInfo message. Does not implicitly {@link meseta.v1.TimeInfo.verify|verify} messages.
             * @param message TimeInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TimeInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TimeInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TimeInfo & meseta.v1.TimeInfo.$Shape} TimeInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TimeInfo & meseta.v1.TimeInfo.$Shape;

            /**
             * Creates a TimeInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TimeInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TimeInfo;

            /**
             * Creates a plain object from a TimeInfo message. Also converts values to other types if specified.
             * @param message TimeInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TimeInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TimeInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TimeInfo {

            /** Properties of a TimeInfo. */
            interface $Properties {

                /** TimeInfo nanoseconds */
                nanoseconds?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TimeInfo. */
            type $Shape = meseta.v1.TimeInfo.$Properties;
        }

        /**
         * Properties of a Flag.
         * @deprecated Use meseta.v1.Flag.$Properties instead.
         */
        interface IFlag extends meseta.v1.Flag.$Properties {
        }

        /** Represents a Flag. */
        class Flag {

            /**
             * Constructs a new Flag.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Flag.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Flag name. */
            name: string;

            /** Flag value. */
            value: string;

            /**
             * Creates a new Flag instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Flag instance
             */
            static create(properties: meseta.v1.Flag.$Shape): meseta.v1.Flag & meseta.v1.Flag.$Shape;
            static create(properties?: meseta.v1.Flag.$Properties): meseta.v1.Flag;

            /**
             * Encodes the specified Flag message. Does not implicitly {@link meseta.v1.Flag.verify|verify} messages.
             * @param message Flag message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Flag.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Flag message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Flag & meseta.v1.Flag.$Shape} Flag
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Flag & meseta.v1.Flag.$Shape;

            /**
             * Creates a Flag message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Flag
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Flag;

            /**
             * Creates a plain object from a Flag message. Also converts values to other types if specified.
             * @param message Flag
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Flag, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Flag to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Flag {

            /** Properties of a Flag. */
            interface $Properties {

                /** Flag name */
                name?: (string|null);

                /** Flag value */
                value?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Flag. */
            type $Shape = meseta.v1.Flag.$Properties;
        }

        /**
         * Properties of a VersionInfo.
         * @deprecated Use meseta.v1.VersionInfo.$Properties instead.
         */
        interface IVersionInfo extends meseta.v1.VersionInfo.$Properties {
        }

        /** Represents a VersionInfo. */
        class VersionInfo {

            /**
             * Constructs a new VersionInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.VersionInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** VersionInfo version. */
            version: string;

            /** VersionInfo build_date. */
            build_date: string;

            /** VersionInfo build_time. */
            build_time: number;

            /** VersionInfo build_user. */
            build_user: string;

            /** VersionInfo git_sha. */
            git_sha: string;

            /** VersionInfo git_branch. */
            git_branch: string;

            /** VersionInfo git_tag. */
            git_tag: string;

            /**
             * Creates a new VersionInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns VersionInfo instance
             */
            static create(properties: meseta.v1.VersionInfo.$Shape): meseta.v1.VersionInfo & meseta.v1.VersionInfo.$Shape;
            static create(properties?: meseta.v1.VersionInfo.$Properties): meseta.v1.VersionInfo;

            /**
             * Encodes the specified VersionInfo message. Does not implicitly {@link meseta.v1.VersionInfo.verify|verify} messages.
             * @param message VersionInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.VersionInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a VersionInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.VersionInfo & meseta.v1.VersionInfo.$Shape} VersionInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.VersionInfo & meseta.v1.VersionInfo.$Shape;

            /**
             * Creates a VersionInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns VersionInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.VersionInfo;

            /**
             * Creates a plain object from a VersionInfo message. Also converts values to other types if specified.
             * @param message VersionInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.VersionInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this VersionInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace VersionInfo {

            /** Properties of a VersionInfo. */
            interface $Properties {

                /** VersionInfo version */
                version?: (string|null);

                /** VersionInfo build_date */
                build_date?: (string|null);

                /** VersionInfo build_time */
                build_time?: (number|null);

                /** VersionInfo build_user */
                build_user?: (string|null);

                /** VersionInfo git_sha */
                git_sha?: (string|null);

                /** VersionInfo git_branch */
                git_branch?: (string|null);

                /** VersionInfo git_tag */
                git_tag?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a VersionInfo. */
            type $Shape = meseta.v1.VersionInfo.$Properties;
        }

        /**
         * Properties of a Metric.
         * @deprecated Use meseta.v1.Metric.$Properties instead.
         */
        interface IMetric extends meseta.v1.Metric.$Properties {
        }

        /** Represents a Metric. */
        class Metric {

            /**
             * Constructs a new Metric.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Metric.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Metric name. */
            name: string;

            /** Metric value. */
            value: number;

            /**
             * Creates a new Metric instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Metric instance
             */
            static create(properties: meseta.v1.Metric.$Shape): meseta.v1.Metric & meseta.v1.Metric.$Shape;
            static create(properties?: meseta.v1.Metric.$Properties): meseta.v1.Metric;

            /**
             * Encodes the specified Metric message. Does not implicitly {@link meseta.v1.Metric.verify|verify} messages.
             * @param message Metric message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Metric.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Metric message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Metric & meseta.v1.Metric.$Shape} Metric
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Metric & meseta.v1.Metric.$Shape;

            /**
             * Creates a Metric message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Metric
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Metric;

            /**
             * Creates a plain object from a Metric message. Also converts values to other types if specified.
             * @param message Metric
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Metric, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Metric to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Metric {

            /** Properties of a Metric. */
            interface $Properties {

                /** Metric name */
                name?: (string|null);

                /** Metric value */
                value?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Metric. */
            type $Shape = meseta.v1.Metric.$Properties;
        }

        /**
         * Properties of a FileInfo.
         * @deprecated Use meseta.v1.FileInfo.$Properties instead.
         */
        interface IFileInfo extends meseta.v1.FileInfo.$Properties {
        }

        /** Represents a FileInfo. */
        class FileInfo {

            /**
             * Constructs a new FileInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.FileInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FileInfo path. */
            path: string;

            /** FileInfo nlink. */
            nlink: number;

            /** FileInfo size. */
            size: number;

            /** FileInfo mtime. */
            mtime?: (meseta.v1.TimeInfo.$Properties|null);

            /** FileInfo mode. */
            mode: number;

            /** FileInfo uid. */
            uid: string;

            /** FileInfo gid. */
            gid: string;

            /**
             * Creates a new FileInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FileInfo instance
             */
            static create(properties: meseta.v1.FileInfo.$Shape): meseta.v1.FileInfo & meseta.v1.FileInfo.$Shape;
            static create(properties?: meseta.v1.FileInfo.$Properties): meseta.v1.FileInfo;

            /**
             * Encodes the specified FileInfo message. Does not implicitly {@link meseta.v1.FileInfo.verify|verify} messages.
             * @param message FileInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.FileInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FileInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.FileInfo & meseta.v1.FileInfo.$Shape} FileInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.FileInfo & meseta.v1.FileInfo.$Shape;

            /**
             * Creates a FileInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FileInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.FileInfo;

            /**
             * Creates a plain object from a FileInfo message. Also converts values to other types if specified.
             * @param message FileInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.FileInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FileInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace FileInfo {

            /** Properties of a FileInfo. */
            interface $Properties {

                /** FileInfo path */
                path?: (string|null);

                /** FileInfo nlink */
                nlink?: (number|null);

                /** FileInfo size */
                size?: (number|null);

                /** FileInfo mtime */
                mtime?: (meseta.v1.TimeInfo.$Properties|null);

                /** FileInfo mode */
                mode?: (number|null);

                /** FileInfo uid */
                uid?: (string|null);

                /** FileInfo gid */
                gid?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FileInfo. */
            type $Shape = meseta.v1.FileInfo.$Properties;
        }

        /**
         * Properties of a Role.
         * @deprecated Use meseta.v1.Role.$Properties instead.
         */
        interface IRole extends meseta.v1.Role.$Properties {
        }

        /** Represents a Role. */
        class Role {

            /**
             * Constructs a new Role.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Role.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Role name. */
            name: string;

            /** Role weight. */
            weight: number;

            /** Role frameworks. */
            frameworks: meseta.v1.FrameworkID.$Properties[];

            /** Role resources. */
            resources: meseta.v1.Resource.$Properties[];

            /**
             * Creates a new Role instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Role instance
             */
            static create(properties: meseta.v1.Role.$Shape): meseta.v1.Role & meseta.v1.Role.$Shape;
            static create(properties?: meseta.v1.Role.$Properties): meseta.v1.Role;

            /**
             * Encodes the specified Role message. Does not implicitly {@link meseta.v1.Role.verify|verify} messages.
             * @param message Role message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Role.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Role message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Role & meseta.v1.Role.$Shape} Role
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Role & meseta.v1.Role.$Shape;

            /**
             * Creates a Role message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Role
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Role;

            /**
             * Creates a plain object from a Role message. Also converts values to other types if specified.
             * @param message Role
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Role, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Role to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Role {

            /** Properties of a Role. */
            interface $Properties {

                /** Role name */
                name?: (string|null);

                /** Role weight */
                weight?: (number|null);

                /** Role frameworks */
                frameworks?: (meseta.v1.FrameworkID.$Properties[]|null);

                /** Role resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Role. */
            type $Shape = meseta.v1.Role.$Properties;
        }

        /**
         * Properties of a WeightInfo.
         * @deprecated Use meseta.v1.WeightInfo.$Properties instead.
         */
        interface IWeightInfo extends meseta.v1.WeightInfo.$Properties {
        }

        /** Represents a WeightInfo. */
        class WeightInfo {

            /**
             * Constructs a new WeightInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.WeightInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** WeightInfo weight. */
            weight: number;

            /** WeightInfo role. */
            role: string;

            /**
             * Creates a new WeightInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns WeightInfo instance
             */
            static create(properties: meseta.v1.WeightInfo.$Shape): meseta.v1.WeightInfo & meseta.v1.WeightInfo.$Shape;
            static create(properties?: meseta.v1.WeightInfo.$Properties): meseta.v1.WeightInfo;

            /**
             * Encodes the specified WeightInfo message. Does not implicitly {@link meseta.v1.WeightInfo.verify|verify} messages.
             * @param message WeightInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.WeightInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a WeightInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.WeightInfo & meseta.v1.WeightInfo.$Shape} WeightInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.WeightInfo & meseta.v1.WeightInfo.$Shape;

            /**
             * Creates a WeightInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns WeightInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.WeightInfo;

            /**
             * Creates a plain object from a WeightInfo message. Also converts values to other types if specified.
             * @param message WeightInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.WeightInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this WeightInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace WeightInfo {

            /** Properties of a WeightInfo. */
            interface $Properties {

                /** WeightInfo weight */
                weight?: (number|null);

                /** WeightInfo role */
                role?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a WeightInfo. */
            type $Shape = meseta.v1.WeightInfo.$Properties;
        }

        /**
         * Properties of a ContainerStatus.
         * @deprecated Use meseta.v1.ContainerStatus.$Properties instead.
         */
        interface IContainerStatus extends meseta.v1.ContainerStatus.$Properties {
        }

        /** Represents a ContainerStatus. */
        class ContainerStatus {

            /**
             * Constructs a new ContainerStatus.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ContainerStatus.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ContainerStatus container_id. */
            container_id?: (meseta.v1.ContainerID.$Properties|null);

            /** ContainerStatus executor_pid. */
            executor_pid: number;

            /**
             * Creates a new ContainerStatus instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ContainerStatus instance
             */
            static create(properties: meseta.v1.ContainerStatus.$Shape): meseta.v1.ContainerStatus & meseta.v1.ContainerStatus.$Shape;
            static create(properties?: meseta.v1.ContainerStatus.$Properties): meseta.v1.ContainerStatus;

            /**
             * Encodes the specified ContainerStatus message. Does not implicitly {@link meseta.v1.ContainerStatus.verify|verify} messages.
             * @param message ContainerStatus message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ContainerStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ContainerStatus message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ContainerStatus & meseta.v1.ContainerStatus.$Shape} ContainerStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ContainerStatus & meseta.v1.ContainerStatus.$Shape;

            /**
             * Creates a ContainerStatus message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ContainerStatus
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ContainerStatus;

            /**
             * Creates a plain object from a ContainerStatus message. Also converts values to other types if specified.
             * @param message ContainerStatus
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ContainerStatus, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ContainerStatus to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ContainerStatus {

            /** Properties of a ContainerStatus. */
            interface $Properties {

                /** ContainerStatus container_id */
                container_id?: (meseta.v1.ContainerID.$Properties|null);

                /** ContainerStatus executor_pid */
                executor_pid?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ContainerStatus. */
            type $Shape = meseta.v1.ContainerStatus.$Properties;
        }

        /**
         * Properties of a ResourceStatistics.
         * @deprecated Use meseta.v1.ResourceStatistics.$Properties instead.
         */
        interface IResourceStatistics extends meseta.v1.ResourceStatistics.$Properties {
        }

        /** Represents a ResourceStatistics. */
        class ResourceStatistics {

            /**
             * Constructs a new ResourceStatistics.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ResourceStatistics.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ResourceStatistics timestamp. */
            timestamp: number;

            /** ResourceStatistics cpus_user_time_secs. */
            cpus_user_time_secs: number;

            /** ResourceStatistics cpus_system_time_secs. */
            cpus_system_time_secs: number;

            /** ResourceStatistics cpus_limit. */
            cpus_limit: number;

            /** ResourceStatistics mem_rss_bytes. */
            mem_rss_bytes: number;

            /** ResourceStatistics mem_limit_bytes. */
            mem_limit_bytes: number;

            /**
             * Creates a new ResourceStatistics instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ResourceStatistics instance
             */
            static create(properties: meseta.v1.ResourceStatistics.$Shape): meseta.v1.ResourceStatistics & meseta.v1.ResourceStatistics.$Shape;
            static create(properties?: meseta.v1.ResourceStatistics.$Properties): meseta.v1.ResourceStatistics;

            /**
             * Encodes the specified ResourceStatistics message. Does not implicitly {@link meseta.v1.ResourceStatistics.verify|verify} messages.
             * @param message ResourceStatistics message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ResourceStatistics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ResourceStatistics message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ResourceStatistics & meseta.v1.ResourceStatistics.$Shape} ResourceStatistics
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ResourceStatistics & meseta.v1.ResourceStatistics.$Shape;

            /**
             * Creates a ResourceStatistics message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ResourceStatistics
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ResourceStatistics;

            /**
             * Creates a plain object from a ResourceStatistics message. Also converts values to other types if specified.
             * @param message ResourceStatistics
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ResourceStatistics, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ResourceStatistics to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ResourceStatistics {

            /** Properties of a ResourceStatistics. */
            interface $Properties {

                /** ResourceStatistics timestamp */
                timestamp?: (number|null);

                /** ResourceStatistics cpus_user_time_secs */
                cpus_user_time_secs?: (number|null);

                /** ResourceStatistics cpus_system_time_secs */
                cpus_system_time_secs?: (number|null);

                /** ResourceStatistics cpus_limit */
                cpus_limit?: (number|null);

                /** ResourceStatistics mem_rss_bytes */
                mem_rss_bytes?: (number|null);

                /** ResourceStatistics mem_limit_bytes */
                mem_limit_bytes?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ResourceStatistics. */
            type $Shape = meseta.v1.ResourceStatistics.$Properties;
        }

        /**
         * Properties of a TTYInfo.
         * @deprecated Use meseta.v1.TTYInfo.$Properties instead.
         */
        interface ITTYInfo extends meseta.v1.TTYInfo.$Properties {
        }

        /** Represents a TTYInfo. */
        class TTYInfo {

            /**
             * Constructs a new TTYInfo.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TTYInfo.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TTYInfo window_size. */
            window_size?: (meseta.v1.TTYInfo.WindowSize.$Properties|null);

            /**
             * Creates a new TTYInfo instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TTYInfo instance
             */
            static create(properties: meseta.v1.TTYInfo.$Shape): meseta.v1.TTYInfo & meseta.v1.TTYInfo.$Shape;
            static create(properties?: meseta.v1.TTYInfo.$Properties): meseta.v1.TTYInfo;

            /**
             * Encodes the specified TTYInfo message. Does not implicitly {@link meseta.v1.TTYInfo.verify|verify} messages.
             * @param message TTYInfo message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TTYInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TTYInfo message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TTYInfo & meseta.v1.TTYInfo.$Shape} TTYInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TTYInfo & meseta.v1.TTYInfo.$Shape;

            /**
             * Creates a TTYInfo message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TTYInfo
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TTYInfo;

            /**
             * Creates a plain object from a TTYInfo message. Also converts values to other types if specified.
             * @param message TTYInfo
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TTYInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TTYInfo to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TTYInfo {

            /** Properties of a TTYInfo. */
            interface $Properties {

                /** TTYInfo window_size */
                window_size?: (meseta.v1.TTYInfo.WindowSize.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TTYInfo. */
            type $Shape = meseta.v1.TTYInfo.$Properties;

            /**
             * Properties of a WindowSize.
             * @deprecated Use meseta.v1.TTYInfo.WindowSize.$Properties instead.
             */
            interface IWindowSize extends meseta.v1.TTYInfo.WindowSize.$Properties {
            }

            /** Represents a WindowSize. */
            class WindowSize {

                /**
                 * Constructs a new WindowSize.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.TTYInfo.WindowSize.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** WindowSize rows. */
                rows: number;

                /** WindowSize columns. */
                columns: number;

                /**
                 * Creates a new WindowSize instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns WindowSize instance
                 */
                static create(properties: meseta.v1.TTYInfo.WindowSize.$Shape): meseta.v1.TTYInfo.WindowSize & meseta.v1.TTYInfo.WindowSize.$Shape;
                static create(properties?: meseta.v1.TTYInfo.WindowSize.$Properties): meseta.v1.TTYInfo.WindowSize;

                /**
                 * Encodes the specified WindowSize message. Does not implicitly {@link meseta.v1.TTYInfo.WindowSize.verify|verify} messages.
                 * @param message WindowSize message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.TTYInfo.WindowSize.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a WindowSize message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.TTYInfo.WindowSize & meseta.v1.TTYInfo.WindowSize.$Shape} WindowSize
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TTYInfo.WindowSize & meseta.v1.TTYInfo.WindowSize.$Shape;

                /**
                 * Creates a WindowSize message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns WindowSize
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.TTYInfo.WindowSize;

                /**
                 * Creates a plain object from a WindowSize message. Also converts values to other types if specified.
                 * @param message WindowSize
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.TTYInfo.WindowSize, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this WindowSize to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace WindowSize {

                /** Properties of a WindowSize. */
                interface $Properties {

                    /** WindowSize rows */
                    rows?: (number|null);

                    /** WindowSize columns */
                    columns?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a WindowSize. */
                type $Shape = meseta.v1.TTYInfo.WindowSize.$Properties;
            }
        }

        /**
         * Properties of a TaskResourceLimitation.
         * @deprecated Use meseta.v1.TaskResourceLimitation.$Properties instead.
         */
        interface ITaskResourceLimitation extends meseta.v1.TaskResourceLimitation.$Properties {
        }

        /** Represents a TaskResourceLimitation. */
        class TaskResourceLimitation {

            /**
             * Constructs a new TaskResourceLimitation.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.TaskResourceLimitation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TaskResourceLimitation resources. */
            resources: meseta.v1.Resource.$Properties[];

            /**
             * Creates a new TaskResourceLimitation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TaskResourceLimitation instance
             */
            static create(properties: meseta.v1.TaskResourceLimitation.$Shape): meseta.v1.TaskResourceLimitation & meseta.v1.TaskResourceLimitation.$Shape;
            static create(properties?: meseta.v1.TaskResourceLimitation.$Properties): meseta.v1.TaskResourceLimitation;

            /**
             * Encodes the specified TaskResourceLimitation message. Does not implicitly {@link meseta.v1.TaskResourceLimitation.verify|verify} messages.
             * @param message TaskResourceLimitation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.TaskResourceLimitation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TaskResourceLimitation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.TaskResourceLimitation & meseta.v1.TaskResourceLimitation.$Shape} TaskResourceLimitation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.TaskResourceLimitation & meseta.v1.TaskResourceLimitation.$Shape;

            /**
             * Creates a TaskResourceLimitation message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns TaskResourceLimitation
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.TaskResourceLimitation;

            /**
             * Creates a plain object from a TaskResourceLimitation message. Also converts values to other types if specified.
             * @param message TaskResourceLimitation
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.TaskResourceLimitation, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this TaskResourceLimitation to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace TaskResourceLimitation {

            /** Properties of a TaskResourceLimitation. */
            interface $Properties {

                /** TaskResourceLimitation resources */
                resources?: (meseta.v1.Resource.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TaskResourceLimitation. */
            type $Shape = meseta.v1.TaskResourceLimitation.$Properties;
        }

        /** Namespace master. */
        namespace master {

            /**
             * Properties of a Call.
             * @deprecated Use meseta.v1.master.Call.$Properties instead.
             */
            interface ICall extends meseta.v1.master.Call.$Properties {
            }

            /** Represents a Call. */
            class Call {

                /**
                 * Constructs a new Call.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.master.Call.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Call type. */
                type: meseta.v1.master.Call.Type;

                /** Call get_metrics. */
                get_metrics?: (meseta.v1.master.Call.GetMetrics.$Properties|null);

                /** Call set_logging_level. */
                set_logging_level?: (meseta.v1.master.Call.SetLoggingLevel.$Properties|null);

                /** Call list_files. */
                list_files?: (meseta.v1.master.Call.ListFiles.$Properties|null);

                /** Call read_file. */
                read_file?: (meseta.v1.master.Call.ReadFile.$Properties|null);

                /** Call teardown. */
                teardown?: (meseta.v1.master.Call.Teardown.$Properties|null);

                /** Call mark_agent_gone. */
                mark_agent_gone?: (meseta.v1.master.Call.MarkAgentGone.$Properties|null);

                /**
                 * Creates a new Call instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Call instance
                 */
                static create(properties: meseta.v1.master.Call.$Shape): meseta.v1.master.Call & meseta.v1.master.Call.$Shape;
                static create(properties?: meseta.v1.master.Call.$Properties): meseta.v1.master.Call;

                /**
                 * Encodes the specified Call message. Does not implicitly {@link meseta.v1.master.Call.verify|verify} messages.
                 * @param message Call message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.master.Call.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Call message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.master.Call & meseta.v1.master.Call.$Shape} Call
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call & meseta.v1.master.Call.$Shape;

                /**
                 * Creates a Call message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Call
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.master.Call;

                /**
                 * Creates a plain object from a Call message. Also converts values to other types if specified.
                 * @param message Call
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.master.Call, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Call to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Call {

                /** Properties of a Call. */
                interface $Properties {

                    /** Call type */
                    type?: (meseta.v1.master.Call.Type|null);

                    /** Call get_metrics */
                    get_metrics?: (meseta.v1.master.Call.GetMetrics.$Properties|null);

                    /** Call set_logging_level */
                    set_logging_level?: (meseta.v1.master.Call.SetLoggingLevel.$Properties|null);

                    /** Call list_files */
                    list_files?: (meseta.v1.master.Call.ListFiles.$Properties|null);

                    /** Call read_file */
                    read_file?: (meseta.v1.master.Call.ReadFile.$Properties|null);

                    /** Call teardown */
                    teardown?: (meseta.v1.master.Call.Teardown.$Properties|null);

                    /** Call mark_agent_gone */
                    mark_agent_gone?: (meseta.v1.master.Call.MarkAgentGone.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Call. */
                type $Shape = meseta.v1.master.Call.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** GET_HEALTH value */
                    GET_HEALTH = 1,

                    /** GET_FLAGS value */
                    GET_FLAGS = 2,

                    /** GET_VERSION value */
                    GET_VERSION = 3,

                    /** GET_METRICS value */
                    GET_METRICS = 4,

                    /** GET_LOGGING_LEVEL value */
                    GET_LOGGING_LEVEL = 5,

                    /** SET_LOGGING_LEVEL value */
                    SET_LOGGING_LEVEL = 6,

                    /** LIST_FILES value */
                    LIST_FILES = 7,

                    /** READ_FILE value */
                    READ_FILE = 8,

                    /** GET_STATE value */
                    GET_STATE = 9,

                    /** GET_AGENTS value */
                    GET_AGENTS = 10,

                    /** GET_FRAMEWORKS value */
                    GET_FRAMEWORKS = 11,

                    /** GET_EXECUTORS value */
                    GET_EXECUTORS = 12,

                    /** GET_OPERATIONS value */
                    GET_OPERATIONS = 33,

                    /** GET_TASKS value */
                    GET_TASKS = 13,

                    /** GET_ROLES value */
                    GET_ROLES = 14,

                    /** GET_WEIGHTS value */
                    GET_WEIGHTS = 15,

                    /** UPDATE_WEIGHTS value */
                    UPDATE_WEIGHTS = 16,

                    /** GET_MASTER value */
                    GET_MASTER = 17,

                    /** SUBSCRIBE value */
                    SUBSCRIBE = 18,

                    /** RESERVE_RESOURCES value */
                    RESERVE_RESOURCES = 19,

                    /** UNRESERVE_RESOURCES value */
                    UNRESERVE_RESOURCES = 20,

                    /** CREATE_VOLUMES value */
                    CREATE_VOLUMES = 21,

                    /** DESTROY_VOLUMES value */
                    DESTROY_VOLUMES = 22,

                    /** GROW_VOLUME value */
                    GROW_VOLUME = 34,

                    /** SHRINK_VOLUME value */
                    SHRINK_VOLUME = 35,

                    /** GET_MAINTENANCE_STATUS value */
                    GET_MAINTENANCE_STATUS = 23,

                    /** GET_MAINTENANCE_SCHEDULE value */
                    GET_MAINTENANCE_SCHEDULE = 24,

                    /** UPDATE_MAINTENANCE_SCHEDULE value */
                    UPDATE_MAINTENANCE_SCHEDULE = 25,

                    /** START_MAINTENANCE value */
                    START_MAINTENANCE = 26,

                    /** STOP_MAINTENANCE value */
                    STOP_MAINTENANCE = 27,

                    /** DRAIN_AGENT value */
                    DRAIN_AGENT = 37,

                    /** DEACTIVATE_AGENT value */
                    DEACTIVATE_AGENT = 38,

                    /** REACTIVATE_AGENT value */
                    REACTIVATE_AGENT = 39,

                    /** GET_QUOTA value */
                    GET_QUOTA = 28,

                    /** UPDATE_QUOTA value */
                    UPDATE_QUOTA = 36,

                    /** SET_QUOTA value */
                    SET_QUOTA = 29,

                    /** REMOVE_QUOTA value */
                    REMOVE_QUOTA = 30,

                    /** TEARDOWN value */
                    TEARDOWN = 31,

                    /** MARK_AGENT_GONE value */
                    MARK_AGENT_GONE = 32
                }

                /**
                 * Properties of a GetMetrics.
                 * @deprecated Use meseta.v1.master.Call.GetMetrics.$Properties instead.
                 */
                interface IGetMetrics extends meseta.v1.master.Call.GetMetrics.$Properties {
                }

                /** Represents a GetMetrics. */
                class GetMetrics {

                    /**
                     * Constructs a new GetMetrics.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Call.GetMetrics.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetMetrics timeout. */
                    timeout?: (meseta.v1.DurationInfo.$Properties|null);

                    /**
                     * Creates a new GetMetrics instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetMetrics instance
                     */
                    static create(properties: meseta.v1.master.Call.GetMetrics.$Shape): meseta.v1.master.Call.GetMetrics & meseta.v1.master.Call.GetMetrics.$Shape;
                    static create(properties?: meseta.v1.master.Call.GetMetrics.$Properties): meseta.v1.master.Call.GetMetrics;

                    /**
                     * Encodes the specified GetMetrics message. Does not implicitly {@link meseta.v1.master.Call.GetMetrics.verify|verify} messages.
                     * @param message GetMetrics message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Call.GetMetrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetMetrics message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Call.GetMetrics & meseta.v1.master.Call.GetMetrics.$Shape} GetMetrics
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call.GetMetrics & meseta.v1.master.Call.GetMetrics.$Shape;

                    /**
                     * Creates a GetMetrics message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetMetrics
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Call.GetMetrics;

                    /**
                     * Creates a plain object from a GetMetrics message. Also converts values to other types if specified.
                     * @param message GetMetrics
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Call.GetMetrics, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetMetrics to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetMetrics {

                    /** Properties of a GetMetrics. */
                    interface $Properties {

                        /** GetMetrics timeout */
                        timeout?: (meseta.v1.DurationInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetMetrics. */
                    type $Shape = meseta.v1.master.Call.GetMetrics.$Properties;
                }

                /**
                 * Properties of a SetLoggingLevel.
                 * @deprecated Use meseta.v1.master.Call.SetLoggingLevel.$Properties instead.
                 */
                interface ISetLoggingLevel extends meseta.v1.master.Call.SetLoggingLevel.$Properties {
                }

                /** Represents a SetLoggingLevel. */
                class SetLoggingLevel {

                    /**
                     * Constructs a new SetLoggingLevel.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Call.SetLoggingLevel.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** SetLoggingLevel level. */
                    level: number;

                    /** SetLoggingLevel duration. */
                    duration?: (meseta.v1.DurationInfo.$Properties|null);

                    /**
                     * Creates a new SetLoggingLevel instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns SetLoggingLevel instance
                     */
                    static create(properties: meseta.v1.master.Call.SetLoggingLevel.$Shape): meseta.v1.master.Call.SetLoggingLevel & meseta.v1.master.Call.SetLoggingLevel.$Shape;
                    static create(properties?: meseta.v1.master.Call.SetLoggingLevel.$Properties): meseta.v1.master.Call.SetLoggingLevel;

                    /**
                     * Encodes the specified SetLoggingLevel message. Does not implicitly {@link meseta.v1.master.Call.SetLoggingLevel.verify|verify} messages.
                     * @param message SetLoggingLevel message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Call.SetLoggingLevel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a SetLoggingLevel message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Call.SetLoggingLevel & meseta.v1.master.Call.SetLoggingLevel.$Shape} SetLoggingLevel
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call.SetLoggingLevel & meseta.v1.master.Call.SetLoggingLevel.$Shape;

                    /**
                     * Creates a SetLoggingLevel message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns SetLoggingLevel
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Call.SetLoggingLevel;

                    /**
                     * Creates a plain object from a SetLoggingLevel message. Also converts values to other types if specified.
                     * @param message SetLoggingLevel
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Call.SetLoggingLevel, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this SetLoggingLevel to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace SetLoggingLevel {

                    /** Properties of a SetLoggingLevel. */
                    interface $Properties {

                        /** SetLoggingLevel level */
                        level?: (number|null);

                        /** SetLoggingLevel duration */
                        duration?: (meseta.v1.DurationInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a SetLoggingLevel. */
                    type $Shape = meseta.v1.master.Call.SetLoggingLevel.$Properties;
                }

                /**
                 * Properties of a ListFiles.
                 * @deprecated Use meseta.v1.master.Call.ListFiles.$Properties instead.
                 */
                interface IListFiles extends meseta.v1.master.Call.ListFiles.$Properties {
                }

                /** Represents a ListFiles. */
                class ListFiles {

                    /**
                     * Constructs a new ListFiles.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Call.ListFiles.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListFiles path. */
                    path: string;

                    /**
                     * Creates a new ListFiles instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ListFiles instance
                     */
                    static create(properties: meseta.v1.master.Call.ListFiles.$Shape): meseta.v1.master.Call.ListFiles & meseta.v1.master.Call.ListFiles.$Shape;
                    static create(properties?: meseta.v1.master.Call.ListFiles.$Properties): meseta.v1.master.Call.ListFiles;

                    /**
                     * Encodes the specified ListFiles message. Does not implicitly {@link meseta.v1.master.Call.ListFiles.verify|verify} messages.
                     * @param message ListFiles message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Call.ListFiles.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListFiles message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Call.ListFiles & meseta.v1.master.Call.ListFiles.$Shape} ListFiles
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call.ListFiles & meseta.v1.master.Call.ListFiles.$Shape;

                    /**
                     * Creates a ListFiles message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ListFiles
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Call.ListFiles;

                    /**
                     * Creates a plain object from a ListFiles message. Also converts values to other types if specified.
                     * @param message ListFiles
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Call.ListFiles, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ListFiles to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ListFiles {

                    /** Properties of a ListFiles. */
                    interface $Properties {

                        /** ListFiles path */
                        path?: (string|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListFiles. */
                    type $Shape = meseta.v1.master.Call.ListFiles.$Properties;
                }

                /**
                 * Properties of a ReadFile.
                 * @deprecated Use meseta.v1.master.Call.ReadFile.$Properties instead.
                 */
                interface IReadFile extends meseta.v1.master.Call.ReadFile.$Properties {
                }

                /** Represents a ReadFile. */
                class ReadFile {

                    /**
                     * Constructs a new ReadFile.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Call.ReadFile.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ReadFile path. */
                    path: string;

                    /** ReadFile offset. */
                    offset: number;

                    /** ReadFile length. */
                    length: number;

                    /**
                     * Creates a new ReadFile instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ReadFile instance
                     */
                    static create(properties: meseta.v1.master.Call.ReadFile.$Shape): meseta.v1.master.Call.ReadFile & meseta.v1.master.Call.ReadFile.$Shape;
                    static create(properties?: meseta.v1.master.Call.ReadFile.$Properties): meseta.v1.master.Call.ReadFile;

                    /**
                     * Encodes the specified ReadFile message. Does not implicitly {@link meseta.v1.master.Call.ReadFile.verify|verify} messages.
                     * @param message ReadFile message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Call.ReadFile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ReadFile message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Call.ReadFile & meseta.v1.master.Call.ReadFile.$Shape} ReadFile
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call.ReadFile & meseta.v1.master.Call.ReadFile.$Shape;

                    /**
                     * Creates a ReadFile message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ReadFile
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Call.ReadFile;

                    /**
                     * Creates a plain object from a ReadFile message. Also converts values to other types if specified.
                     * @param message ReadFile
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Call.ReadFile, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ReadFile to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ReadFile {

                    /** Properties of a ReadFile. */
                    interface $Properties {

                        /** ReadFile path */
                        path?: (string|null);

                        /** ReadFile offset */
                        offset?: (number|null);

                        /** ReadFile length */
                        length?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ReadFile. */
                    type $Shape = meseta.v1.master.Call.ReadFile.$Properties;
                }

                /**
                 * Properties of a Teardown.
                 * @deprecated Use meseta.v1.master.Call.Teardown.$Properties instead.
                 */
                interface ITeardown extends meseta.v1.master.Call.Teardown.$Properties {
                }

                /** Represents a Teardown. */
                class Teardown {

                    /**
                     * Constructs a new Teardown.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Call.Teardown.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Teardown framework_id. */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /**
                     * Creates a new Teardown instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Teardown instance
                     */
                    static create(properties: meseta.v1.master.Call.Teardown.$Shape): meseta.v1.master.Call.Teardown & meseta.v1.master.Call.Teardown.$Shape;
                    static create(properties?: meseta.v1.master.Call.Teardown.$Properties): meseta.v1.master.Call.Teardown;

                    /**
                     * Encodes the specified Teardown message. Does not implicitly {@link meseta.v1.master.Call.Teardown.verify|verify} messages.
                     * @param message Teardown message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Call.Teardown.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Teardown message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Call.Teardown & meseta.v1.master.Call.Teardown.$Shape} Teardown
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call.Teardown & meseta.v1.master.Call.Teardown.$Shape;

                    /**
                     * Creates a Teardown message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Teardown
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Call.Teardown;

                    /**
                     * Creates a plain object from a Teardown message. Also converts values to other types if specified.
                     * @param message Teardown
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Call.Teardown, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Teardown to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Teardown {

                    /** Properties of a Teardown. */
                    interface $Properties {

                        /** Teardown framework_id */
                        framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Teardown. */
                    type $Shape = meseta.v1.master.Call.Teardown.$Properties;
                }

                /**
                 * Properties of a MarkAgentGone.
                 * @deprecated Use meseta.v1.master.Call.MarkAgentGone.$Properties instead.
                 */
                interface IMarkAgentGone extends meseta.v1.master.Call.MarkAgentGone.$Properties {
                }

                /** Represents a MarkAgentGone. */
                class MarkAgentGone {

                    /**
                     * Constructs a new MarkAgentGone.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Call.MarkAgentGone.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** MarkAgentGone agent_id. */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /**
                     * Creates a new MarkAgentGone instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns MarkAgentGone instance
                     */
                    static create(properties: meseta.v1.master.Call.MarkAgentGone.$Shape): meseta.v1.master.Call.MarkAgentGone & meseta.v1.master.Call.MarkAgentGone.$Shape;
                    static create(properties?: meseta.v1.master.Call.MarkAgentGone.$Properties): meseta.v1.master.Call.MarkAgentGone;

                    /**
                     * Encodes the specified MarkAgentGone message. Does not implicitly {@link meseta.v1.master.Call.MarkAgentGone.verify|verify} messages.
                     * @param message MarkAgentGone message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Call.MarkAgentGone.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a MarkAgentGone message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Call.MarkAgentGone & meseta.v1.master.Call.MarkAgentGone.$Shape} MarkAgentGone
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Call.MarkAgentGone & meseta.v1.master.Call.MarkAgentGone.$Shape;

                    /**
                     * Creates a MarkAgentGone message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns MarkAgentGone
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Call.MarkAgentGone;

                    /**
                     * Creates a plain object from a MarkAgentGone message. Also converts values to other types if specified.
                     * @param message MarkAgentGone
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Call.MarkAgentGone, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this MarkAgentGone to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace MarkAgentGone {

                    /** Properties of a MarkAgentGone. */
                    interface $Properties {

                        /** MarkAgentGone agent_id */
                        agent_id?: (meseta.v1.AgentID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a MarkAgentGone. */
                    type $Shape = meseta.v1.master.Call.MarkAgentGone.$Properties;
                }
            }

            /**
             * Properties of a Response.
             * @deprecated Use meseta.v1.master.Response.$Properties instead.
             */
            interface IResponse extends meseta.v1.master.Response.$Properties {
            }

            /** Represents a Response. */
            class Response {

                /**
                 * Constructs a new Response.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.master.Response.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Response type. */
                type: meseta.v1.master.Response.Type;

                /** Response get_health. */
                get_health?: (meseta.v1.master.Response.GetHealth.$Properties|null);

                /** Response get_flags. */
                get_flags?: (meseta.v1.master.Response.GetFlags.$Properties|null);

                /** Response get_version. */
                get_version?: (meseta.v1.master.Response.GetVersion.$Properties|null);

                /** Response get_metrics. */
                get_metrics?: (meseta.v1.master.Response.GetMetrics.$Properties|null);

                /** Response get_logging_level. */
                get_logging_level?: (meseta.v1.master.Response.GetLoggingLevel.$Properties|null);

                /** Response list_files. */
                list_files?: (meseta.v1.master.Response.ListFiles.$Properties|null);

                /** Response read_file. */
                read_file?: (meseta.v1.master.Response.ReadFile.$Properties|null);

                /** Response get_state. */
                get_state?: (meseta.v1.master.Response.GetState.$Properties|null);

                /** Response get_agents. */
                get_agents?: (meseta.v1.master.Response.GetAgents.$Properties|null);

                /** Response get_frameworks. */
                get_frameworks?: (meseta.v1.master.Response.GetFrameworks.$Properties|null);

                /** Response get_executors. */
                get_executors?: (meseta.v1.master.Response.GetExecutors.$Properties|null);

                /** Response get_tasks. */
                get_tasks?: (meseta.v1.master.Response.GetTasks.$Properties|null);

                /** Response get_roles. */
                get_roles?: (meseta.v1.master.Response.GetRoles.$Properties|null);

                /** Response get_weights. */
                get_weights?: (meseta.v1.master.Response.GetWeights.$Properties|null);

                /** Response get_master. */
                get_master?: (meseta.v1.master.Response.GetMaster.$Properties|null);

                /**
                 * Creates a new Response instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Response instance
                 */
                static create(properties: meseta.v1.master.Response.$Shape): meseta.v1.master.Response & meseta.v1.master.Response.$Shape;
                static create(properties?: meseta.v1.master.Response.$Properties): meseta.v1.master.Response;

                /**
                 * Encodes the specified Response message. Does not implicitly {@link meseta.v1.master.Response.verify|verify} messages.
                 * @param message Response message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.master.Response.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Response message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.master.Response & meseta.v1.master.Response.$Shape} Response
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response & meseta.v1.master.Response.$Shape;

                /**
                 * Creates a Response message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Response
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.master.Response;

                /**
                 * Creates a plain object from a Response message. Also converts values to other types if specified.
                 * @param message Response
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.master.Response, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Response to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Response {

                /** Properties of a Response. */
                interface $Properties {

                    /** Response type */
                    type?: (meseta.v1.master.Response.Type|null);

                    /** Response get_health */
                    get_health?: (meseta.v1.master.Response.GetHealth.$Properties|null);

                    /** Response get_flags */
                    get_flags?: (meseta.v1.master.Response.GetFlags.$Properties|null);

                    /** Response get_version */
                    get_version?: (meseta.v1.master.Response.GetVersion.$Properties|null);

                    /** Response get_metrics */
                    get_metrics?: (meseta.v1.master.Response.GetMetrics.$Properties|null);

                    /** Response get_logging_level */
                    get_logging_level?: (meseta.v1.master.Response.GetLoggingLevel.$Properties|null);

                    /** Response list_files */
                    list_files?: (meseta.v1.master.Response.ListFiles.$Properties|null);

                    /** Response read_file */
                    read_file?: (meseta.v1.master.Response.ReadFile.$Properties|null);

                    /** Response get_state */
                    get_state?: (meseta.v1.master.Response.GetState.$Properties|null);

                    /** Response get_agents */
                    get_agents?: (meseta.v1.master.Response.GetAgents.$Properties|null);

                    /** Response get_frameworks */
                    get_frameworks?: (meseta.v1.master.Response.GetFrameworks.$Properties|null);

                    /** Response get_executors */
                    get_executors?: (meseta.v1.master.Response.GetExecutors.$Properties|null);

                    /** Response get_tasks */
                    get_tasks?: (meseta.v1.master.Response.GetTasks.$Properties|null);

                    /** Response get_roles */
                    get_roles?: (meseta.v1.master.Response.GetRoles.$Properties|null);

                    /** Response get_weights */
                    get_weights?: (meseta.v1.master.Response.GetWeights.$Properties|null);

                    /** Response get_master */
                    get_master?: (meseta.v1.master.Response.GetMaster.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Response. */
                type $Shape = meseta.v1.master.Response.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** GET_HEALTH value */
                    GET_HEALTH = 1,

                    /** GET_FLAGS value */
                    GET_FLAGS = 2,

                    /** GET_VERSION value */
                    GET_VERSION = 3,

                    /** GET_METRICS value */
                    GET_METRICS = 4,

                    /** GET_LOGGING_LEVEL value */
                    GET_LOGGING_LEVEL = 5,

                    /** LIST_FILES value */
                    LIST_FILES = 6,

                    /** READ_FILE value */
                    READ_FILE = 7,

                    /** GET_STATE value */
                    GET_STATE = 8,

                    /** GET_AGENTS value */
                    GET_AGENTS = 9,

                    /** GET_FRAMEWORKS value */
                    GET_FRAMEWORKS = 10,

                    /** GET_EXECUTORS value */
                    GET_EXECUTORS = 11,

                    /** GET_OPERATIONS value */
                    GET_OPERATIONS = 19,

                    /** GET_TASKS value */
                    GET_TASKS = 12,

                    /** GET_ROLES value */
                    GET_ROLES = 13,

                    /** GET_WEIGHTS value */
                    GET_WEIGHTS = 14,

                    /** GET_MASTER value */
                    GET_MASTER = 15,

                    /** GET_MAINTENANCE_STATUS value */
                    GET_MAINTENANCE_STATUS = 16,

                    /** GET_MAINTENANCE_SCHEDULE value */
                    GET_MAINTENANCE_SCHEDULE = 17,

                    /** GET_QUOTA value */
                    GET_QUOTA = 18
                }

                /**
                 * Properties of a GetHealth.
                 * @deprecated Use meseta.v1.master.Response.GetHealth.$Properties instead.
                 */
                interface IGetHealth extends meseta.v1.master.Response.GetHealth.$Properties {
                }

                /** Represents a GetHealth. */
                class GetHealth {

                    /**
                     * Constructs a new GetHealth.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetHealth.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetHealth healthy. */
                    healthy: boolean;

                    /**
                     * Creates a new GetHealth instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetHealth instance
                     */
                    static create(properties: meseta.v1.master.Response.GetHealth.$Shape): meseta.v1.master.Response.GetHealth & meseta.v1.master.Response.GetHealth.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetHealth.$Properties): meseta.v1.master.Response.GetHealth;

                    /**
                     * Encodes the specified GetHealth message. Does not implicitly {@link meseta.v1.master.Response.GetHealth.verify|verify} messages.
                     * @param message GetHealth message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetHealth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetHealth message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetHealth & meseta.v1.master.Response.GetHealth.$Shape} GetHealth
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetHealth & meseta.v1.master.Response.GetHealth.$Shape;

                    /**
                     * Creates a GetHealth message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetHealth
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetHealth;

                    /**
                     * Creates a plain object from a GetHealth message. Also converts values to other types if specified.
                     * @param message GetHealth
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetHealth, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetHealth to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetHealth {

                    /** Properties of a GetHealth. */
                    interface $Properties {

                        /** GetHealth healthy */
                        healthy?: (boolean|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetHealth. */
                    type $Shape = meseta.v1.master.Response.GetHealth.$Properties;
                }

                /**
                 * Properties of a GetFlags.
                 * @deprecated Use meseta.v1.master.Response.GetFlags.$Properties instead.
                 */
                interface IGetFlags extends meseta.v1.master.Response.GetFlags.$Properties {
                }

                /** Represents a GetFlags. */
                class GetFlags {

                    /**
                     * Constructs a new GetFlags.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetFlags.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFlags flags. */
                    flags: meseta.v1.Flag.$Properties[];

                    /**
                     * Creates a new GetFlags instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetFlags instance
                     */
                    static create(properties: meseta.v1.master.Response.GetFlags.$Shape): meseta.v1.master.Response.GetFlags & meseta.v1.master.Response.GetFlags.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetFlags.$Properties): meseta.v1.master.Response.GetFlags;

                    /**
                     * Encodes the specified GetFlags message. Does not implicitly {@link meseta.v1.master.Response.GetFlags.verify|verify} messages.
                     * @param message GetFlags message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetFlags.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFlags message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetFlags & meseta.v1.master.Response.GetFlags.$Shape} GetFlags
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetFlags & meseta.v1.master.Response.GetFlags.$Shape;

                    /**
                     * Creates a GetFlags message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetFlags
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetFlags;

                    /**
                     * Creates a plain object from a GetFlags message. Also converts values to other types if specified.
                     * @param message GetFlags
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetFlags, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetFlags to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetFlags {

                    /** Properties of a GetFlags. */
                    interface $Properties {

                        /** GetFlags flags */
                        flags?: (meseta.v1.Flag.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFlags. */
                    type $Shape = meseta.v1.master.Response.GetFlags.$Properties;
                }

                /**
                 * Properties of a GetVersion.
                 * @deprecated Use meseta.v1.master.Response.GetVersion.$Properties instead.
                 */
                interface IGetVersion extends meseta.v1.master.Response.GetVersion.$Properties {
                }

                /** Represents a GetVersion. */
                class GetVersion {

                    /**
                     * Constructs a new GetVersion.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetVersion.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetVersion version_info. */
                    version_info?: (meseta.v1.VersionInfo.$Properties|null);

                    /**
                     * Creates a new GetVersion instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetVersion instance
                     */
                    static create(properties: meseta.v1.master.Response.GetVersion.$Shape): meseta.v1.master.Response.GetVersion & meseta.v1.master.Response.GetVersion.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetVersion.$Properties): meseta.v1.master.Response.GetVersion;

                    /**
                     * Encodes the specified GetVersion message. Does not implicitly {@link meseta.v1.master.Response.GetVersion.verify|verify} messages.
                     * @param message GetVersion message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetVersion.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetVersion message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetVersion & meseta.v1.master.Response.GetVersion.$Shape} GetVersion
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetVersion & meseta.v1.master.Response.GetVersion.$Shape;

                    /**
                     * Creates a GetVersion message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetVersion
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetVersion;

                    /**
                     * Creates a plain object from a GetVersion message. Also converts values to other types if specified.
                     * @param message GetVersion
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetVersion, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetVersion to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetVersion {

                    /** Properties of a GetVersion. */
                    interface $Properties {

                        /** GetVersion version_info */
                        version_info?: (meseta.v1.VersionInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetVersion. */
                    type $Shape = meseta.v1.master.Response.GetVersion.$Properties;
                }

                /**
                 * Properties of a GetMetrics.
                 * @deprecated Use meseta.v1.master.Response.GetMetrics.$Properties instead.
                 */
                interface IGetMetrics extends meseta.v1.master.Response.GetMetrics.$Properties {
                }

                /** Represents a GetMetrics. */
                class GetMetrics {

                    /**
                     * Constructs a new GetMetrics.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetMetrics.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetMetrics metrics. */
                    metrics: meseta.v1.Metric.$Properties[];

                    /**
                     * Creates a new GetMetrics instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetMetrics instance
                     */
                    static create(properties: meseta.v1.master.Response.GetMetrics.$Shape): meseta.v1.master.Response.GetMetrics & meseta.v1.master.Response.GetMetrics.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetMetrics.$Properties): meseta.v1.master.Response.GetMetrics;

                    /**
                     * Encodes the specified GetMetrics message. Does not implicitly {@link meseta.v1.master.Response.GetMetrics.verify|verify} messages.
                     * @param message GetMetrics message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetMetrics.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetMetrics message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetMetrics & meseta.v1.master.Response.GetMetrics.$Shape} GetMetrics
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetMetrics & meseta.v1.master.Response.GetMetrics.$Shape;

                    /**
                     * Creates a GetMetrics message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetMetrics
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetMetrics;

                    /**
                     * Creates a plain object from a GetMetrics message. Also converts values to other types if specified.
                     * @param message GetMetrics
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetMetrics, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetMetrics to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetMetrics {

                    /** Properties of a GetMetrics. */
                    interface $Properties {

                        /** GetMetrics metrics */
                        metrics?: (meseta.v1.Metric.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetMetrics. */
                    type $Shape = meseta.v1.master.Response.GetMetrics.$Properties;
                }

                /**
                 * Properties of a GetLoggingLevel.
                 * @deprecated Use meseta.v1.master.Response.GetLoggingLevel.$Properties instead.
                 */
                interface IGetLoggingLevel extends meseta.v1.master.Response.GetLoggingLevel.$Properties {
                }

                /** Represents a GetLoggingLevel. */
                class GetLoggingLevel {

                    /**
                     * Constructs a new GetLoggingLevel.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetLoggingLevel.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetLoggingLevel level. */
                    level: number;

                    /**
                     * Creates a new GetLoggingLevel instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetLoggingLevel instance
                     */
                    static create(properties: meseta.v1.master.Response.GetLoggingLevel.$Shape): meseta.v1.master.Response.GetLoggingLevel & meseta.v1.master.Response.GetLoggingLevel.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetLoggingLevel.$Properties): meseta.v1.master.Response.GetLoggingLevel;

                    /**
                     * Encodes the specified GetLoggingLevel message. Does not implicitly {@link meseta.v1.master.Response.GetLoggingLevel.verify|verify} messages.
                     * @param message GetLoggingLevel message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetLoggingLevel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetLoggingLevel message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetLoggingLevel & meseta.v1.master.Response.GetLoggingLevel.$Shape} GetLoggingLevel
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetLoggingLevel & meseta.v1.master.Response.GetLoggingLevel.$Shape;

                    /**
                     * Creates a GetLoggingLevel message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetLoggingLevel
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetLoggingLevel;

                    /**
                     * Creates a plain object from a GetLoggingLevel message. Also converts values to other types if specified.
                     * @param message GetLoggingLevel
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetLoggingLevel, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetLoggingLevel to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetLoggingLevel {

                    /** Properties of a GetLoggingLevel. */
                    interface $Properties {

                        /** GetLoggingLevel level */
                        level?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetLoggingLevel. */
                    type $Shape = meseta.v1.master.Response.GetLoggingLevel.$Properties;
                }

                /**
                 * Properties of a ListFiles.
                 * @deprecated Use meseta.v1.master.Response.ListFiles.$Properties instead.
                 */
                interface IListFiles extends meseta.v1.master.Response.ListFiles.$Properties {
                }

                /** Represents a ListFiles. */
                class ListFiles {

                    /**
                     * Constructs a new ListFiles.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.ListFiles.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ListFiles file_infos. */
                    file_infos: meseta.v1.FileInfo.$Properties[];

                    /**
                     * Creates a new ListFiles instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ListFiles instance
                     */
                    static create(properties: meseta.v1.master.Response.ListFiles.$Shape): meseta.v1.master.Response.ListFiles & meseta.v1.master.Response.ListFiles.$Shape;
                    static create(properties?: meseta.v1.master.Response.ListFiles.$Properties): meseta.v1.master.Response.ListFiles;

                    /**
                     * Encodes the specified ListFiles message. Does not implicitly {@link meseta.v1.master.Response.ListFiles.verify|verify} messages.
                     * @param message ListFiles message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.ListFiles.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ListFiles message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.ListFiles & meseta.v1.master.Response.ListFiles.$Shape} ListFiles
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.ListFiles & meseta.v1.master.Response.ListFiles.$Shape;

                    /**
                     * Creates a ListFiles message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ListFiles
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.ListFiles;

                    /**
                     * Creates a plain object from a ListFiles message. Also converts values to other types if specified.
                     * @param message ListFiles
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.ListFiles, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ListFiles to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ListFiles {

                    /** Properties of a ListFiles. */
                    interface $Properties {

                        /** ListFiles file_infos */
                        file_infos?: (meseta.v1.FileInfo.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ListFiles. */
                    type $Shape = meseta.v1.master.Response.ListFiles.$Properties;
                }

                /**
                 * Properties of a ReadFile.
                 * @deprecated Use meseta.v1.master.Response.ReadFile.$Properties instead.
                 */
                interface IReadFile extends meseta.v1.master.Response.ReadFile.$Properties {
                }

                /** Represents a ReadFile. */
                class ReadFile {

                    /**
                     * Constructs a new ReadFile.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.ReadFile.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** ReadFile size. */
                    size: number;

                    /** ReadFile data. */
                    data: Uint8Array;

                    /**
                     * Creates a new ReadFile instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns ReadFile instance
                     */
                    static create(properties: meseta.v1.master.Response.ReadFile.$Shape): meseta.v1.master.Response.ReadFile & meseta.v1.master.Response.ReadFile.$Shape;
                    static create(properties?: meseta.v1.master.Response.ReadFile.$Properties): meseta.v1.master.Response.ReadFile;

                    /**
                     * Encodes the specified ReadFile message. Does not implicitly {@link meseta.v1.master.Response.ReadFile.verify|verify} messages.
                     * @param message ReadFile message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.ReadFile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a ReadFile message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.ReadFile & meseta.v1.master.Response.ReadFile.$Shape} ReadFile
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.ReadFile & meseta.v1.master.Response.ReadFile.$Shape;

                    /**
                     * Creates a ReadFile message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns ReadFile
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.ReadFile;

                    /**
                     * Creates a plain object from a ReadFile message. Also converts values to other types if specified.
                     * @param message ReadFile
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.ReadFile, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this ReadFile to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace ReadFile {

                    /** Properties of a ReadFile. */
                    interface $Properties {

                        /** ReadFile size */
                        size?: (number|null);

                        /** ReadFile data */
                        data?: (Uint8Array|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a ReadFile. */
                    type $Shape = meseta.v1.master.Response.ReadFile.$Properties;
                }

                /**
                 * Properties of a GetState.
                 * @deprecated Use meseta.v1.master.Response.GetState.$Properties instead.
                 */
                interface IGetState extends meseta.v1.master.Response.GetState.$Properties {
                }

                /** Represents a GetState. */
                class GetState {

                    /**
                     * Constructs a new GetState.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetState.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetState get_tasks. */
                    get_tasks?: (meseta.v1.master.Response.GetTasks.$Properties|null);

                    /** GetState get_executors. */
                    get_executors?: (meseta.v1.master.Response.GetExecutors.$Properties|null);

                    /** GetState get_frameworks. */
                    get_frameworks?: (meseta.v1.master.Response.GetFrameworks.$Properties|null);

                    /** GetState get_agents. */
                    get_agents?: (meseta.v1.master.Response.GetAgents.$Properties|null);

                    /**
                     * Creates a new GetState instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetState instance
                     */
                    static create(properties: meseta.v1.master.Response.GetState.$Shape): meseta.v1.master.Response.GetState & meseta.v1.master.Response.GetState.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetState.$Properties): meseta.v1.master.Response.GetState;

                    /**
                     * Encodes the specified GetState message. Does not implicitly {@link meseta.v1.master.Response.GetState.verify|verify} messages.
                     * @param message GetState message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetState message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetState & meseta.v1.master.Response.GetState.$Shape} GetState
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetState & meseta.v1.master.Response.GetState.$Shape;

                    /**
                     * Creates a GetState message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetState
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetState;

                    /**
                     * Creates a plain object from a GetState message. Also converts values to other types if specified.
                     * @param message GetState
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetState, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetState to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetState {

                    /** Properties of a GetState. */
                    interface $Properties {

                        /** GetState get_tasks */
                        get_tasks?: (meseta.v1.master.Response.GetTasks.$Properties|null);

                        /** GetState get_executors */
                        get_executors?: (meseta.v1.master.Response.GetExecutors.$Properties|null);

                        /** GetState get_frameworks */
                        get_frameworks?: (meseta.v1.master.Response.GetFrameworks.$Properties|null);

                        /** GetState get_agents */
                        get_agents?: (meseta.v1.master.Response.GetAgents.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetState. */
                    type $Shape = meseta.v1.master.Response.GetState.$Properties;
                }

                /**
                 * Properties of a GetAgents.
                 * @deprecated Use meseta.v1.master.Response.GetAgents.$Properties instead.
                 */
                interface IGetAgents extends meseta.v1.master.Response.GetAgents.$Properties {
                }

                /** Represents a GetAgents. */
                class GetAgents {

                    /**
                     * Constructs a new GetAgents.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetAgents.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetAgents agents. */
                    agents: meseta.v1.master.Response.GetAgents.Agent.$Properties[];

                    /** GetAgents recovered_agents. */
                    recovered_agents: meseta.v1.AgentInfo.$Properties[];

                    /**
                     * Creates a new GetAgents instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetAgents instance
                     */
                    static create(properties: meseta.v1.master.Response.GetAgents.$Shape): meseta.v1.master.Response.GetAgents & meseta.v1.master.Response.GetAgents.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetAgents.$Properties): meseta.v1.master.Response.GetAgents;

                    /**
                     * Encodes the specified GetAgents message. Does not implicitly {@link meseta.v1.master.Response.GetAgents.verify|verify} messages.
                     * @param message GetAgents message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetAgents.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetAgents message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetAgents & meseta.v1.master.Response.GetAgents.$Shape} GetAgents
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetAgents & meseta.v1.master.Response.GetAgents.$Shape;

                    /**
                     * Creates a GetAgents message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetAgents
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetAgents;

                    /**
                     * Creates a plain object from a GetAgents message. Also converts values to other types if specified.
                     * @param message GetAgents
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetAgents, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetAgents to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetAgents {

                    /** Properties of a GetAgents. */
                    interface $Properties {

                        /** GetAgents agents */
                        agents?: (meseta.v1.master.Response.GetAgents.Agent.$Properties[]|null);

                        /** GetAgents recovered_agents */
                        recovered_agents?: (meseta.v1.AgentInfo.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetAgents. */
                    type $Shape = meseta.v1.master.Response.GetAgents.$Properties;

                    /**
                     * Properties of an Agent.
                     * @deprecated Use meseta.v1.master.Response.GetAgents.Agent.$Properties instead.
                     */
                    interface IAgent extends meseta.v1.master.Response.GetAgents.Agent.$Properties {
                    }

                    /** Represents an Agent. */
                    class Agent {

                        /**
                         * Constructs a new Agent.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.master.Response.GetAgents.Agent.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Agent agent_info. */
                        agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                        /** Agent active. */
                        active: boolean;

                        /** Agent deactivated. */
                        deactivated: boolean;

                        /** Agent version. */
                        version: string;

                        /** Agent pid. */
                        pid: string;

                        /** Agent registered_time. */
                        registered_time?: (meseta.v1.TimeInfo.$Properties|null);

                        /** Agent reregistered_time. */
                        reregistered_time?: (meseta.v1.TimeInfo.$Properties|null);

                        /** Agent total_resources. */
                        total_resources: meseta.v1.Resource.$Properties[];

                        /** Agent allocated_resources. */
                        allocated_resources: meseta.v1.Resource.$Properties[];

                        /** Agent offered_resources. */
                        offered_resources: meseta.v1.Resource.$Properties[];

                        /**
                         * Creates a new Agent instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Agent instance
                         */
                        static create(properties: meseta.v1.master.Response.GetAgents.Agent.$Shape): meseta.v1.master.Response.GetAgents.Agent & meseta.v1.master.Response.GetAgents.Agent.$Shape;
                        static create(properties?: meseta.v1.master.Response.GetAgents.Agent.$Properties): meseta.v1.master.Response.GetAgents.Agent;

                        /**
                         * Encodes the specified Agent message. Does not implicitly {@link meseta.v1.master.Response.GetAgents.Agent.verify|verify} messages.
                         * @param message Agent message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.master.Response.GetAgents.Agent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes an Agent message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.master.Response.GetAgents.Agent & meseta.v1.master.Response.GetAgents.Agent.$Shape} Agent
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetAgents.Agent & meseta.v1.master.Response.GetAgents.Agent.$Shape;

                        /**
                         * Creates an Agent message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Agent
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetAgents.Agent;

                        /**
                         * Creates a plain object from an Agent message. Also converts values to other types if specified.
                         * @param message Agent
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.master.Response.GetAgents.Agent, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Agent to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Agent {

                        /** Properties of an Agent. */
                        interface $Properties {

                            /** Agent agent_info */
                            agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                            /** Agent active */
                            active?: (boolean|null);

                            /** Agent deactivated */
                            deactivated?: (boolean|null);

                            /** Agent version */
                            version?: (string|null);

                            /** Agent pid */
                            pid?: (string|null);

                            /** Agent registered_time */
                            registered_time?: (meseta.v1.TimeInfo.$Properties|null);

                            /** Agent reregistered_time */
                            reregistered_time?: (meseta.v1.TimeInfo.$Properties|null);

                            /** Agent total_resources */
                            total_resources?: (meseta.v1.Resource.$Properties[]|null);

                            /** Agent allocated_resources */
                            allocated_resources?: (meseta.v1.Resource.$Properties[]|null);

                            /** Agent offered_resources */
                            offered_resources?: (meseta.v1.Resource.$Properties[]|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of an Agent. */
                        type $Shape = meseta.v1.master.Response.GetAgents.Agent.$Properties;
                    }
                }

                /**
                 * Properties of a GetFrameworks.
                 * @deprecated Use meseta.v1.master.Response.GetFrameworks.$Properties instead.
                 */
                interface IGetFrameworks extends meseta.v1.master.Response.GetFrameworks.$Properties {
                }

                /** Represents a GetFrameworks. */
                class GetFrameworks {

                    /**
                     * Constructs a new GetFrameworks.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetFrameworks.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetFrameworks frameworks. */
                    frameworks: meseta.v1.master.Response.GetFrameworks.Framework.$Properties[];

                    /** GetFrameworks completed_frameworks. */
                    completed_frameworks: meseta.v1.master.Response.GetFrameworks.Framework.$Properties[];

                    /** GetFrameworks recovered_frameworks. */
                    recovered_frameworks: meseta.v1.FrameworkInfo.$Properties[];

                    /**
                     * Creates a new GetFrameworks instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetFrameworks instance
                     */
                    static create(properties: meseta.v1.master.Response.GetFrameworks.$Shape): meseta.v1.master.Response.GetFrameworks & meseta.v1.master.Response.GetFrameworks.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetFrameworks.$Properties): meseta.v1.master.Response.GetFrameworks;

                    /**
                     * Encodes the specified GetFrameworks message. Does not implicitly {@link meseta.v1.master.Response.GetFrameworks.verify|verify} messages.
                     * @param message GetFrameworks message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetFrameworks.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetFrameworks message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetFrameworks & meseta.v1.master.Response.GetFrameworks.$Shape} GetFrameworks
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetFrameworks & meseta.v1.master.Response.GetFrameworks.$Shape;

                    /**
                     * Creates a GetFrameworks message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetFrameworks
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetFrameworks;

                    /**
                     * Creates a plain object from a GetFrameworks message. Also converts values to other types if specified.
                     * @param message GetFrameworks
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetFrameworks, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetFrameworks to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetFrameworks {

                    /** Properties of a GetFrameworks. */
                    interface $Properties {

                        /** GetFrameworks frameworks */
                        frameworks?: (meseta.v1.master.Response.GetFrameworks.Framework.$Properties[]|null);

                        /** GetFrameworks completed_frameworks */
                        completed_frameworks?: (meseta.v1.master.Response.GetFrameworks.Framework.$Properties[]|null);

                        /** GetFrameworks recovered_frameworks */
                        recovered_frameworks?: (meseta.v1.FrameworkInfo.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetFrameworks. */
                    type $Shape = meseta.v1.master.Response.GetFrameworks.$Properties;

                    /**
                     * Properties of a Framework.
                     * @deprecated Use meseta.v1.master.Response.GetFrameworks.Framework.$Properties instead.
                     */
                    interface IFramework extends meseta.v1.master.Response.GetFrameworks.Framework.$Properties {
                    }

                    /** Represents a Framework. */
                    class Framework {

                        /**
                         * Constructs a new Framework.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.master.Response.GetFrameworks.Framework.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Framework framework_info. */
                        framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                        /** Framework active. */
                        active: boolean;

                        /** Framework connected. */
                        connected: boolean;

                        /** Framework recovered. */
                        recovered: boolean;

                        /** Framework registered_time. */
                        registered_time?: (meseta.v1.TimeInfo.$Properties|null);

                        /** Framework reregistered_time. */
                        reregistered_time?: (meseta.v1.TimeInfo.$Properties|null);

                        /** Framework unregistered_time. */
                        unregistered_time?: (meseta.v1.TimeInfo.$Properties|null);

                        /** Framework offers. */
                        offers: meseta.v1.Offer.$Properties[];

                        /** Framework allocated_resources. */
                        allocated_resources: meseta.v1.Resource.$Properties[];

                        /** Framework offered_resources. */
                        offered_resources: meseta.v1.Resource.$Properties[];

                        /**
                         * Creates a new Framework instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Framework instance
                         */
                        static create(properties: meseta.v1.master.Response.GetFrameworks.Framework.$Shape): meseta.v1.master.Response.GetFrameworks.Framework & meseta.v1.master.Response.GetFrameworks.Framework.$Shape;
                        static create(properties?: meseta.v1.master.Response.GetFrameworks.Framework.$Properties): meseta.v1.master.Response.GetFrameworks.Framework;

                        /**
                         * Encodes the specified Framework message. Does not implicitly {@link meseta.v1.master.Response.GetFrameworks.Framework.verify|verify} messages.
                         * @param message Framework message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.master.Response.GetFrameworks.Framework.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes a Framework message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.master.Response.GetFrameworks.Framework & meseta.v1.master.Response.GetFrameworks.Framework.$Shape} Framework
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetFrameworks.Framework & meseta.v1.master.Response.GetFrameworks.Framework.$Shape;

                        /**
                         * Creates a Framework message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Framework
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetFrameworks.Framework;

                        /**
                         * Creates a plain object from a Framework message. Also converts values to other types if specified.
                         * @param message Framework
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.master.Response.GetFrameworks.Framework, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Framework to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Framework {

                        /** Properties of a Framework. */
                        interface $Properties {

                            /** Framework framework_info */
                            framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                            /** Framework active */
                            active?: (boolean|null);

                            /** Framework connected */
                            connected?: (boolean|null);

                            /** Framework recovered */
                            recovered?: (boolean|null);

                            /** Framework registered_time */
                            registered_time?: (meseta.v1.TimeInfo.$Properties|null);

                            /** Framework reregistered_time */
                            reregistered_time?: (meseta.v1.TimeInfo.$Properties|null);

                            /** Framework unregistered_time */
                            unregistered_time?: (meseta.v1.TimeInfo.$Properties|null);

                            /** Framework offers */
                            offers?: (meseta.v1.Offer.$Properties[]|null);

                            /** Framework allocated_resources */
                            allocated_resources?: (meseta.v1.Resource.$Properties[]|null);

                            /** Framework offered_resources */
                            offered_resources?: (meseta.v1.Resource.$Properties[]|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of a Framework. */
                        type $Shape = meseta.v1.master.Response.GetFrameworks.Framework.$Properties;
                    }
                }

                /**
                 * Properties of a GetExecutors.
                 * @deprecated Use meseta.v1.master.Response.GetExecutors.$Properties instead.
                 */
                interface IGetExecutors extends meseta.v1.master.Response.GetExecutors.$Properties {
                }

                /** Represents a GetExecutors. */
                class GetExecutors {

                    /**
                     * Constructs a new GetExecutors.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetExecutors.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetExecutors executors. */
                    executors: meseta.v1.master.Response.GetExecutors.Executor.$Properties[];

                    /** GetExecutors orphan_executors. */
                    orphan_executors: meseta.v1.master.Response.GetExecutors.Executor.$Properties[];

                    /**
                     * Creates a new GetExecutors instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetExecutors instance
                     */
                    static create(properties: meseta.v1.master.Response.GetExecutors.$Shape): meseta.v1.master.Response.GetExecutors & meseta.v1.master.Response.GetExecutors.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetExecutors.$Properties): meseta.v1.master.Response.GetExecutors;

                    /**
                     * Encodes the specified GetExecutors message. Does not implicitly {@link meseta.v1.master.Response.GetExecutors.verify|verify} messages.
                     * @param message GetExecutors message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetExecutors.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetExecutors message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetExecutors & meseta.v1.master.Response.GetExecutors.$Shape} GetExecutors
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetExecutors & meseta.v1.master.Response.GetExecutors.$Shape;

                    /**
                     * Creates a GetExecutors message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetExecutors
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetExecutors;

                    /**
                     * Creates a plain object from a GetExecutors message. Also converts values to other types if specified.
                     * @param message GetExecutors
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetExecutors, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetExecutors to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetExecutors {

                    /** Properties of a GetExecutors. */
                    interface $Properties {

                        /** GetExecutors executors */
                        executors?: (meseta.v1.master.Response.GetExecutors.Executor.$Properties[]|null);

                        /** GetExecutors orphan_executors */
                        orphan_executors?: (meseta.v1.master.Response.GetExecutors.Executor.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetExecutors. */
                    type $Shape = meseta.v1.master.Response.GetExecutors.$Properties;

                    /**
                     * Properties of an Executor.
                     * @deprecated Use meseta.v1.master.Response.GetExecutors.Executor.$Properties instead.
                     */
                    interface IExecutor extends meseta.v1.master.Response.GetExecutors.Executor.$Properties {
                    }

                    /** Represents an Executor. */
                    class Executor {

                        /**
                         * Constructs a new Executor.
                         * @param [properties] Properties to set
                         */
                        constructor(properties?: meseta.v1.master.Response.GetExecutors.Executor.$Properties);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];

                        /** Executor executor_info. */
                        executor_info?: (meseta.v1.ExecutorInfo.$Properties|null);

                        /** Executor agent_id. */
                        agent_id?: (meseta.v1.AgentID.$Properties|null);

                        /**
                         * Creates a new Executor instance using the specified properties.
                         * @param [properties] Properties to set
                         * @returns Executor instance
                         */
                        static create(properties: meseta.v1.master.Response.GetExecutors.Executor.$Shape): meseta.v1.master.Response.GetExecutors.Executor & meseta.v1.master.Response.GetExecutors.Executor.$Shape;
                        static create(properties?: meseta.v1.master.Response.GetExecutors.Executor.$Properties): meseta.v1.master.Response.GetExecutors.Executor;

                        /**
                         * Encodes the specified Executor message. Does not implicitly {@link meseta.v1.master.Response.GetExecutors.Executor.verify|verify} messages.
                         * @param message Executor message or plain object to encode
                         * @param [writer] Writer to encode to
                         * @returns Writer
                         */
                        static encode(message: meseta.v1.master.Response.GetExecutors.Executor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                        /**
                         * Decodes an Executor message from the specified reader or buffer.
                         * @param reader Reader or buffer to decode from
                         * @param [length] Message length if known beforehand
                         * @returns {meseta.v1.master.Response.GetExecutors.Executor & meseta.v1.master.Response.GetExecutors.Executor.$Shape} Executor
                         * @throws {Error} If the payload is not a reader or valid buffer
                         * @throws {$protobuf.util.ProtocolError} If required fields are missing
                         */
                        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetExecutors.Executor & meseta.v1.master.Response.GetExecutors.Executor.$Shape;

                        /**
                         * Creates an Executor message from a plain object. Also converts values to their respective internal types.
                         * @param object Plain object
                         * @returns Executor
                         */
                        static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetExecutors.Executor;

                        /**
                         * Creates a plain object from an Executor message. Also converts values to other types if specified.
                         * @param message Executor
                         * @param [options] Conversion options
                         * @returns Plain object
                         */
                        static toObject(message: meseta.v1.master.Response.GetExecutors.Executor, options?: $protobuf.IConversionOptions): { [k: string]: any };

                        /**
                         * Converts this Executor to JSON.
                         * @returns JSON object
                         */
                        toJSON(): { [k: string]: any };
                    }

                    namespace Executor {

                        /** Properties of an Executor. */
                        interface $Properties {

                            /** Executor executor_info */
                            executor_info?: (meseta.v1.ExecutorInfo.$Properties|null);

                            /** Executor agent_id */
                            agent_id?: (meseta.v1.AgentID.$Properties|null);

                            /** Unknown fields preserved while decoding when enabled */
                            $unknowns?: Uint8Array[];
                        }

                        /** Shape of an Executor. */
                        type $Shape = meseta.v1.master.Response.GetExecutors.Executor.$Properties;
                    }
                }

                /**
                 * Properties of a GetTasks.
                 * @deprecated Use meseta.v1.master.Response.GetTasks.$Properties instead.
                 */
                interface IGetTasks extends meseta.v1.master.Response.GetTasks.$Properties {
                }

                /** Represents a GetTasks. */
                class GetTasks {

                    /**
                     * Constructs a new GetTasks.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetTasks.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetTasks pending_tasks. */
                    pending_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks tasks. */
                    tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks unreachable_tasks. */
                    unreachable_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks completed_tasks. */
                    completed_tasks: meseta.v1.Task.$Properties[];

                    /** GetTasks orphan_tasks. */
                    orphan_tasks: meseta.v1.Task.$Properties[];

                    /**
                     * Creates a new GetTasks instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetTasks instance
                     */
                    static create(properties: meseta.v1.master.Response.GetTasks.$Shape): meseta.v1.master.Response.GetTasks & meseta.v1.master.Response.GetTasks.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetTasks.$Properties): meseta.v1.master.Response.GetTasks;

                    /**
                     * Encodes the specified GetTasks message. Does not implicitly {@link meseta.v1.master.Response.GetTasks.verify|verify} messages.
                     * @param message GetTasks message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetTasks.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetTasks message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetTasks & meseta.v1.master.Response.GetTasks.$Shape} GetTasks
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetTasks & meseta.v1.master.Response.GetTasks.$Shape;

                    /**
                     * Creates a GetTasks message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetTasks
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetTasks;

                    /**
                     * Creates a plain object from a GetTasks message. Also converts values to other types if specified.
                     * @param message GetTasks
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetTasks, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetTasks to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetTasks {

                    /** Properties of a GetTasks. */
                    interface $Properties {

                        /** GetTasks pending_tasks */
                        pending_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks tasks */
                        tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks unreachable_tasks */
                        unreachable_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks completed_tasks */
                        completed_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** GetTasks orphan_tasks */
                        orphan_tasks?: (meseta.v1.Task.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetTasks. */
                    type $Shape = meseta.v1.master.Response.GetTasks.$Properties;
                }

                /**
                 * Properties of a GetRoles.
                 * @deprecated Use meseta.v1.master.Response.GetRoles.$Properties instead.
                 */
                interface IGetRoles extends meseta.v1.master.Response.GetRoles.$Properties {
                }

                /** Represents a GetRoles. */
                class GetRoles {

                    /**
                     * Constructs a new GetRoles.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetRoles.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetRoles roles. */
                    roles: meseta.v1.Role.$Properties[];

                    /**
                     * Creates a new GetRoles instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetRoles instance
                     */
                    static create(properties: meseta.v1.master.Response.GetRoles.$Shape): meseta.v1.master.Response.GetRoles & meseta.v1.master.Response.GetRoles.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetRoles.$Properties): meseta.v1.master.Response.GetRoles;

                    /**
                     * Encodes the specified GetRoles message. Does not implicitly {@link meseta.v1.master.Response.GetRoles.verify|verify} messages.
                     * @param message GetRoles message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetRoles.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetRoles message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetRoles & meseta.v1.master.Response.GetRoles.$Shape} GetRoles
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetRoles & meseta.v1.master.Response.GetRoles.$Shape;

                    /**
                     * Creates a GetRoles message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetRoles
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetRoles;

                    /**
                     * Creates a plain object from a GetRoles message. Also converts values to other types if specified.
                     * @param message GetRoles
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetRoles, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetRoles to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetRoles {

                    /** Properties of a GetRoles. */
                    interface $Properties {

                        /** GetRoles roles */
                        roles?: (meseta.v1.Role.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetRoles. */
                    type $Shape = meseta.v1.master.Response.GetRoles.$Properties;
                }

                /**
                 * Properties of a GetWeights.
                 * @deprecated Use meseta.v1.master.Response.GetWeights.$Properties instead.
                 */
                interface IGetWeights extends meseta.v1.master.Response.GetWeights.$Properties {
                }

                /** Represents a GetWeights. */
                class GetWeights {

                    /**
                     * Constructs a new GetWeights.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetWeights.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetWeights weight_infos. */
                    weight_infos: meseta.v1.WeightInfo.$Properties[];

                    /**
                     * Creates a new GetWeights instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetWeights instance
                     */
                    static create(properties: meseta.v1.master.Response.GetWeights.$Shape): meseta.v1.master.Response.GetWeights & meseta.v1.master.Response.GetWeights.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetWeights.$Properties): meseta.v1.master.Response.GetWeights;

                    /**
                     * Encodes the specified GetWeights message. Does not implicitly {@link meseta.v1.master.Response.GetWeights.verify|verify} messages.
                     * @param message GetWeights message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetWeights.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetWeights message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetWeights & meseta.v1.master.Response.GetWeights.$Shape} GetWeights
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetWeights & meseta.v1.master.Response.GetWeights.$Shape;

                    /**
                     * Creates a GetWeights message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetWeights
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetWeights;

                    /**
                     * Creates a plain object from a GetWeights message. Also converts values to other types if specified.
                     * @param message GetWeights
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetWeights, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetWeights to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetWeights {

                    /** Properties of a GetWeights. */
                    interface $Properties {

                        /** GetWeights weight_infos */
                        weight_infos?: (meseta.v1.WeightInfo.$Properties[]|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetWeights. */
                    type $Shape = meseta.v1.master.Response.GetWeights.$Properties;
                }

                /**
                 * Properties of a GetMaster.
                 * @deprecated Use meseta.v1.master.Response.GetMaster.$Properties instead.
                 */
                interface IGetMaster extends meseta.v1.master.Response.GetMaster.$Properties {
                }

                /** Represents a GetMaster. */
                class GetMaster {

                    /**
                     * Constructs a new GetMaster.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Response.GetMaster.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** GetMaster master_info. */
                    master_info?: (meseta.v1.MasterInfo.$Properties|null);

                    /** GetMaster start_time. */
                    start_time: number;

                    /** GetMaster elected_time. */
                    elected_time: number;

                    /**
                     * Creates a new GetMaster instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns GetMaster instance
                     */
                    static create(properties: meseta.v1.master.Response.GetMaster.$Shape): meseta.v1.master.Response.GetMaster & meseta.v1.master.Response.GetMaster.$Shape;
                    static create(properties?: meseta.v1.master.Response.GetMaster.$Properties): meseta.v1.master.Response.GetMaster;

                    /**
                     * Encodes the specified GetMaster message. Does not implicitly {@link meseta.v1.master.Response.GetMaster.verify|verify} messages.
                     * @param message GetMaster message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Response.GetMaster.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a GetMaster message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Response.GetMaster & meseta.v1.master.Response.GetMaster.$Shape} GetMaster
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Response.GetMaster & meseta.v1.master.Response.GetMaster.$Shape;

                    /**
                     * Creates a GetMaster message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns GetMaster
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Response.GetMaster;

                    /**
                     * Creates a plain object from a GetMaster message. Also converts values to other types if specified.
                     * @param message GetMaster
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Response.GetMaster, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this GetMaster to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace GetMaster {

                    /** Properties of a GetMaster. */
                    interface $Properties {

                        /** GetMaster master_info */
                        master_info?: (meseta.v1.MasterInfo.$Properties|null);

                        /** GetMaster start_time */
                        start_time?: (number|null);

                        /** GetMaster elected_time */
                        elected_time?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a GetMaster. */
                    type $Shape = meseta.v1.master.Response.GetMaster.$Properties;
                }
            }

            /**
             * Properties of an Event.
             * @deprecated Use meseta.v1.master.Event.$Properties instead.
             */
            interface IEvent extends meseta.v1.master.Event.$Properties {
            }

            /** Represents an Event. */
            class Event {

                /**
                 * Constructs a new Event.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.master.Event.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Event type. */
                type: meseta.v1.master.Event.Type;

                /** Event subscribed. */
                subscribed?: (meseta.v1.master.Event.Subscribed.$Properties|null);

                /** Event task_added. */
                task_added?: (meseta.v1.master.Event.TaskAdded.$Properties|null);

                /** Event task_updated. */
                task_updated?: (meseta.v1.master.Event.TaskUpdated.$Properties|null);

                /** Event agent_added. */
                agent_added?: (meseta.v1.master.Event.AgentAdded.$Properties|null);

                /** Event agent_removed. */
                agent_removed?: (meseta.v1.master.Event.AgentRemoved.$Properties|null);

                /** Event framework_added. */
                framework_added?: (meseta.v1.master.Event.FrameworkAdded.$Properties|null);

                /** Event framework_updated. */
                framework_updated?: (meseta.v1.master.Event.FrameworkUpdated.$Properties|null);

                /** Event framework_removed. */
                framework_removed?: (meseta.v1.master.Event.FrameworkRemoved.$Properties|null);

                /**
                 * Creates a new Event instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Event instance
                 */
                static create(properties: meseta.v1.master.Event.$Shape): meseta.v1.master.Event & meseta.v1.master.Event.$Shape;
                static create(properties?: meseta.v1.master.Event.$Properties): meseta.v1.master.Event;

                /**
                 * Encodes the specified Event message. Does not implicitly {@link meseta.v1.master.Event.verify|verify} messages.
                 * @param message Event message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.master.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Event message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.master.Event & meseta.v1.master.Event.$Shape} Event
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event & meseta.v1.master.Event.$Shape;

                /**
                 * Creates an Event message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Event
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.master.Event;

                /**
                 * Creates a plain object from an Event message. Also converts values to other types if specified.
                 * @param message Event
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.master.Event, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Event to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Event {

                /** Properties of an Event. */
                interface $Properties {

                    /** Event type */
                    type?: (meseta.v1.master.Event.Type|null);

                    /** Event subscribed */
                    subscribed?: (meseta.v1.master.Event.Subscribed.$Properties|null);

                    /** Event task_added */
                    task_added?: (meseta.v1.master.Event.TaskAdded.$Properties|null);

                    /** Event task_updated */
                    task_updated?: (meseta.v1.master.Event.TaskUpdated.$Properties|null);

                    /** Event agent_added */
                    agent_added?: (meseta.v1.master.Event.AgentAdded.$Properties|null);

                    /** Event agent_removed */
                    agent_removed?: (meseta.v1.master.Event.AgentRemoved.$Properties|null);

                    /** Event framework_added */
                    framework_added?: (meseta.v1.master.Event.FrameworkAdded.$Properties|null);

                    /** Event framework_updated */
                    framework_updated?: (meseta.v1.master.Event.FrameworkUpdated.$Properties|null);

                    /** Event framework_removed */
                    framework_removed?: (meseta.v1.master.Event.FrameworkRemoved.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Event. */
                type $Shape = meseta.v1.master.Event.$Properties;

                /** Type enum. */
                enum Type {

                    /** UNKNOWN value */
                    UNKNOWN = 0,

                    /** SUBSCRIBED value */
                    SUBSCRIBED = 1,

                    /** TASK_ADDED value */
                    TASK_ADDED = 2,

                    /** TASK_UPDATED value */
                    TASK_UPDATED = 3,

                    /** AGENT_ADDED value */
                    AGENT_ADDED = 4,

                    /** AGENT_REMOVED value */
                    AGENT_REMOVED = 5,

                    /** FRAMEWORK_ADDED value */
                    FRAMEWORK_ADDED = 6,

                    /** FRAMEWORK_UPDATED value */
                    FRAMEWORK_UPDATED = 7,

                    /** FRAMEWORK_REMOVED value */
                    FRAMEWORK_REMOVED = 8,

                    /** HEARTBEAT value */
                    HEARTBEAT = 9
                }

                /**
                 * Properties of a Subscribed.
                 * @deprecated Use meseta.v1.master.Event.Subscribed.$Properties instead.
                 */
                interface ISubscribed extends meseta.v1.master.Event.Subscribed.$Properties {
                }

                /** Represents a Subscribed. */
                class Subscribed {

                    /**
                     * Constructs a new Subscribed.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.Subscribed.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Subscribed get_state. */
                    get_state?: (meseta.v1.master.Response.GetState.$Properties|null);

                    /** Subscribed heartbeat_interval_seconds. */
                    heartbeat_interval_seconds: number;

                    /**
                     * Creates a new Subscribed instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Subscribed instance
                     */
                    static create(properties: meseta.v1.master.Event.Subscribed.$Shape): meseta.v1.master.Event.Subscribed & meseta.v1.master.Event.Subscribed.$Shape;
                    static create(properties?: meseta.v1.master.Event.Subscribed.$Properties): meseta.v1.master.Event.Subscribed;

                    /**
                     * Encodes the specified Subscribed message. Does not implicitly {@link meseta.v1.master.Event.Subscribed.verify|verify} messages.
                     * @param message Subscribed message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.Subscribed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Subscribed message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.Subscribed & meseta.v1.master.Event.Subscribed.$Shape} Subscribed
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.Subscribed & meseta.v1.master.Event.Subscribed.$Shape;

                    /**
                     * Creates a Subscribed message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Subscribed
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.Subscribed;

                    /**
                     * Creates a plain object from a Subscribed message. Also converts values to other types if specified.
                     * @param message Subscribed
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.Subscribed, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Subscribed to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Subscribed {

                    /** Properties of a Subscribed. */
                    interface $Properties {

                        /** Subscribed get_state */
                        get_state?: (meseta.v1.master.Response.GetState.$Properties|null);

                        /** Subscribed heartbeat_interval_seconds */
                        heartbeat_interval_seconds?: (number|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Subscribed. */
                    type $Shape = meseta.v1.master.Event.Subscribed.$Properties;
                }

                /**
                 * Properties of a TaskAdded.
                 * @deprecated Use meseta.v1.master.Event.TaskAdded.$Properties instead.
                 */
                interface ITaskAdded extends meseta.v1.master.Event.TaskAdded.$Properties {
                }

                /** Represents a TaskAdded. */
                class TaskAdded {

                    /**
                     * Constructs a new TaskAdded.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.TaskAdded.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TaskAdded task. */
                    task?: (meseta.v1.Task.$Properties|null);

                    /**
                     * Creates a new TaskAdded instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns TaskAdded instance
                     */
                    static create(properties: meseta.v1.master.Event.TaskAdded.$Shape): meseta.v1.master.Event.TaskAdded & meseta.v1.master.Event.TaskAdded.$Shape;
                    static create(properties?: meseta.v1.master.Event.TaskAdded.$Properties): meseta.v1.master.Event.TaskAdded;

                    /**
                     * Encodes the specified TaskAdded message. Does not implicitly {@link meseta.v1.master.Event.TaskAdded.verify|verify} messages.
                     * @param message TaskAdded message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.TaskAdded.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TaskAdded message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.TaskAdded & meseta.v1.master.Event.TaskAdded.$Shape} TaskAdded
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.TaskAdded & meseta.v1.master.Event.TaskAdded.$Shape;

                    /**
                     * Creates a TaskAdded message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns TaskAdded
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.TaskAdded;

                    /**
                     * Creates a plain object from a TaskAdded message. Also converts values to other types if specified.
                     * @param message TaskAdded
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.TaskAdded, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this TaskAdded to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace TaskAdded {

                    /** Properties of a TaskAdded. */
                    interface $Properties {

                        /** TaskAdded task */
                        task?: (meseta.v1.Task.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TaskAdded. */
                    type $Shape = meseta.v1.master.Event.TaskAdded.$Properties;
                }

                /**
                 * Properties of a TaskUpdated.
                 * @deprecated Use meseta.v1.master.Event.TaskUpdated.$Properties instead.
                 */
                interface ITaskUpdated extends meseta.v1.master.Event.TaskUpdated.$Properties {
                }

                /** Represents a TaskUpdated. */
                class TaskUpdated {

                    /**
                     * Constructs a new TaskUpdated.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.TaskUpdated.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** TaskUpdated framework_id. */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** TaskUpdated status. */
                    status?: (meseta.v1.TaskStatus.$Properties|null);

                    /** TaskUpdated state. */
                    state: meseta.v1.TaskState;

                    /**
                     * Creates a new TaskUpdated instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns TaskUpdated instance
                     */
                    static create(properties: meseta.v1.master.Event.TaskUpdated.$Shape): meseta.v1.master.Event.TaskUpdated & meseta.v1.master.Event.TaskUpdated.$Shape;
                    static create(properties?: meseta.v1.master.Event.TaskUpdated.$Properties): meseta.v1.master.Event.TaskUpdated;

                    /**
                     * Encodes the specified TaskUpdated message. Does not implicitly {@link meseta.v1.master.Event.TaskUpdated.verify|verify} messages.
                     * @param message TaskUpdated message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.TaskUpdated.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a TaskUpdated message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.TaskUpdated & meseta.v1.master.Event.TaskUpdated.$Shape} TaskUpdated
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.TaskUpdated & meseta.v1.master.Event.TaskUpdated.$Shape;

                    /**
                     * Creates a TaskUpdated message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns TaskUpdated
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.TaskUpdated;

                    /**
                     * Creates a plain object from a TaskUpdated message. Also converts values to other types if specified.
                     * @param message TaskUpdated
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.TaskUpdated, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this TaskUpdated to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace TaskUpdated {

                    /** Properties of a TaskUpdated. */
                    interface $Properties {

                        /** TaskUpdated framework_id */
                        framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                        /** TaskUpdated status */
                        status?: (meseta.v1.TaskStatus.$Properties|null);

                        /** TaskUpdated state */
                        state?: (meseta.v1.TaskState|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a TaskUpdated. */
                    type $Shape = meseta.v1.master.Event.TaskUpdated.$Properties;
                }

                /**
                 * Properties of a FrameworkAdded.
                 * @deprecated Use meseta.v1.master.Event.FrameworkAdded.$Properties instead.
                 */
                interface IFrameworkAdded extends meseta.v1.master.Event.FrameworkAdded.$Properties {
                }

                /** Represents a FrameworkAdded. */
                class FrameworkAdded {

                    /**
                     * Constructs a new FrameworkAdded.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.FrameworkAdded.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FrameworkAdded framework. */
                    framework?: (meseta.v1.master.Response.GetFrameworks.Framework.$Properties|null);

                    /**
                     * Creates a new FrameworkAdded instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns FrameworkAdded instance
                     */
                    static create(properties: meseta.v1.master.Event.FrameworkAdded.$Shape): meseta.v1.master.Event.FrameworkAdded & meseta.v1.master.Event.FrameworkAdded.$Shape;
                    static create(properties?: meseta.v1.master.Event.FrameworkAdded.$Properties): meseta.v1.master.Event.FrameworkAdded;

                    /**
                     * Encodes the specified FrameworkAdded message. Does not implicitly {@link meseta.v1.master.Event.FrameworkAdded.verify|verify} messages.
                     * @param message FrameworkAdded message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.FrameworkAdded.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FrameworkAdded message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.FrameworkAdded & meseta.v1.master.Event.FrameworkAdded.$Shape} FrameworkAdded
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.FrameworkAdded & meseta.v1.master.Event.FrameworkAdded.$Shape;

                    /**
                     * Creates a FrameworkAdded message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns FrameworkAdded
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.FrameworkAdded;

                    /**
                     * Creates a plain object from a FrameworkAdded message. Also converts values to other types if specified.
                     * @param message FrameworkAdded
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.FrameworkAdded, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this FrameworkAdded to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace FrameworkAdded {

                    /** Properties of a FrameworkAdded. */
                    interface $Properties {

                        /** FrameworkAdded framework */
                        framework?: (meseta.v1.master.Response.GetFrameworks.Framework.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FrameworkAdded. */
                    type $Shape = meseta.v1.master.Event.FrameworkAdded.$Properties;
                }

                /**
                 * Properties of a FrameworkUpdated.
                 * @deprecated Use meseta.v1.master.Event.FrameworkUpdated.$Properties instead.
                 */
                interface IFrameworkUpdated extends meseta.v1.master.Event.FrameworkUpdated.$Properties {
                }

                /** Represents a FrameworkUpdated. */
                class FrameworkUpdated {

                    /**
                     * Constructs a new FrameworkUpdated.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.FrameworkUpdated.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FrameworkUpdated framework. */
                    framework?: (meseta.v1.master.Response.GetFrameworks.Framework.$Properties|null);

                    /**
                     * Creates a new FrameworkUpdated instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns FrameworkUpdated instance
                     */
                    static create(properties: meseta.v1.master.Event.FrameworkUpdated.$Shape): meseta.v1.master.Event.FrameworkUpdated & meseta.v1.master.Event.FrameworkUpdated.$Shape;
                    static create(properties?: meseta.v1.master.Event.FrameworkUpdated.$Properties): meseta.v1.master.Event.FrameworkUpdated;

                    /**
                     * Encodes the specified FrameworkUpdated message. Does not implicitly {@link meseta.v1.master.Event.FrameworkUpdated.verify|verify} messages.
                     * @param message FrameworkUpdated message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.FrameworkUpdated.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FrameworkUpdated message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.FrameworkUpdated & meseta.v1.master.Event.FrameworkUpdated.$Shape} FrameworkUpdated
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.FrameworkUpdated & meseta.v1.master.Event.FrameworkUpdated.$Shape;

                    /**
                     * Creates a FrameworkUpdated message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns FrameworkUpdated
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.FrameworkUpdated;

                    /**
                     * Creates a plain object from a FrameworkUpdated message. Also converts values to other types if specified.
                     * @param message FrameworkUpdated
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.FrameworkUpdated, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this FrameworkUpdated to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace FrameworkUpdated {

                    /** Properties of a FrameworkUpdated. */
                    interface $Properties {

                        /** FrameworkUpdated framework */
                        framework?: (meseta.v1.master.Response.GetFrameworks.Framework.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FrameworkUpdated. */
                    type $Shape = meseta.v1.master.Event.FrameworkUpdated.$Properties;
                }

                /**
                 * Properties of a FrameworkRemoved.
                 * @deprecated Use meseta.v1.master.Event.FrameworkRemoved.$Properties instead.
                 */
                interface IFrameworkRemoved extends meseta.v1.master.Event.FrameworkRemoved.$Properties {
                }

                /** Represents a FrameworkRemoved. */
                class FrameworkRemoved {

                    /**
                     * Constructs a new FrameworkRemoved.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.FrameworkRemoved.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** FrameworkRemoved framework_info. */
                    framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                    /**
                     * Creates a new FrameworkRemoved instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns FrameworkRemoved instance
                     */
                    static create(properties: meseta.v1.master.Event.FrameworkRemoved.$Shape): meseta.v1.master.Event.FrameworkRemoved & meseta.v1.master.Event.FrameworkRemoved.$Shape;
                    static create(properties?: meseta.v1.master.Event.FrameworkRemoved.$Properties): meseta.v1.master.Event.FrameworkRemoved;

                    /**
                     * Encodes the specified FrameworkRemoved message. Does not implicitly {@link meseta.v1.master.Event.FrameworkRemoved.verify|verify} messages.
                     * @param message FrameworkRemoved message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.FrameworkRemoved.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a FrameworkRemoved message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.FrameworkRemoved & meseta.v1.master.Event.FrameworkRemoved.$Shape} FrameworkRemoved
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.FrameworkRemoved & meseta.v1.master.Event.FrameworkRemoved.$Shape;

                    /**
                     * Creates a FrameworkRemoved message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns FrameworkRemoved
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.FrameworkRemoved;

                    /**
                     * Creates a plain object from a FrameworkRemoved message. Also converts values to other types if specified.
                     * @param message FrameworkRemoved
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.FrameworkRemoved, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this FrameworkRemoved to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace FrameworkRemoved {

                    /** Properties of a FrameworkRemoved. */
                    interface $Properties {

                        /** FrameworkRemoved framework_info */
                        framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a FrameworkRemoved. */
                    type $Shape = meseta.v1.master.Event.FrameworkRemoved.$Properties;
                }

                /**
                 * Properties of an AgentAdded.
                 * @deprecated Use meseta.v1.master.Event.AgentAdded.$Properties instead.
                 */
                interface IAgentAdded extends meseta.v1.master.Event.AgentAdded.$Properties {
                }

                /** Represents an AgentAdded. */
                class AgentAdded {

                    /**
                     * Constructs a new AgentAdded.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.AgentAdded.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** AgentAdded agent. */
                    agent?: (meseta.v1.master.Response.GetAgents.Agent.$Properties|null);

                    /**
                     * Creates a new AgentAdded instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns AgentAdded instance
                     */
                    static create(properties: meseta.v1.master.Event.AgentAdded.$Shape): meseta.v1.master.Event.AgentAdded & meseta.v1.master.Event.AgentAdded.$Shape;
                    static create(properties?: meseta.v1.master.Event.AgentAdded.$Properties): meseta.v1.master.Event.AgentAdded;

                    /**
                     * Encodes the specified AgentAdded message. Does not implicitly {@link meseta.v1.master.Event.AgentAdded.verify|verify} messages.
                     * @param message AgentAdded message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.AgentAdded.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an AgentAdded message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.AgentAdded & meseta.v1.master.Event.AgentAdded.$Shape} AgentAdded
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.AgentAdded & meseta.v1.master.Event.AgentAdded.$Shape;

                    /**
                     * Creates an AgentAdded message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns AgentAdded
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.AgentAdded;

                    /**
                     * Creates a plain object from an AgentAdded message. Also converts values to other types if specified.
                     * @param message AgentAdded
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.AgentAdded, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this AgentAdded to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace AgentAdded {

                    /** Properties of an AgentAdded. */
                    interface $Properties {

                        /** AgentAdded agent */
                        agent?: (meseta.v1.master.Response.GetAgents.Agent.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an AgentAdded. */
                    type $Shape = meseta.v1.master.Event.AgentAdded.$Properties;
                }

                /**
                 * Properties of an AgentRemoved.
                 * @deprecated Use meseta.v1.master.Event.AgentRemoved.$Properties instead.
                 */
                interface IAgentRemoved extends meseta.v1.master.Event.AgentRemoved.$Properties {
                }

                /** Represents an AgentRemoved. */
                class AgentRemoved {

                    /**
                     * Constructs a new AgentRemoved.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.master.Event.AgentRemoved.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** AgentRemoved agent_id. */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /**
                     * Creates a new AgentRemoved instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns AgentRemoved instance
                     */
                    static create(properties: meseta.v1.master.Event.AgentRemoved.$Shape): meseta.v1.master.Event.AgentRemoved & meseta.v1.master.Event.AgentRemoved.$Shape;
                    static create(properties?: meseta.v1.master.Event.AgentRemoved.$Properties): meseta.v1.master.Event.AgentRemoved;

                    /**
                     * Encodes the specified AgentRemoved message. Does not implicitly {@link meseta.v1.master.Event.AgentRemoved.verify|verify} messages.
                     * @param message AgentRemoved message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.master.Event.AgentRemoved.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes an AgentRemoved message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.master.Event.AgentRemoved & meseta.v1.master.Event.AgentRemoved.$Shape} AgentRemoved
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.master.Event.AgentRemoved & meseta.v1.master.Event.AgentRemoved.$Shape;

                    /**
                     * Creates an AgentRemoved message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns AgentRemoved
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.master.Event.AgentRemoved;

                    /**
                     * Creates a plain object from an AgentRemoved message. Also converts values to other types if specified.
                     * @param message AgentRemoved
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.master.Event.AgentRemoved, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this AgentRemoved to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace AgentRemoved {

                    /** Properties of an AgentRemoved. */
                    interface $Properties {

                        /** AgentRemoved agent_id */
                        agent_id?: (meseta.v1.AgentID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of an AgentRemoved. */
                    type $Shape = meseta.v1.master.Event.AgentRemoved.$Properties;
                }
            }
        }

        /**
         * Properties of an OperatorCall.
         * @deprecated Use meseta.v1.OperatorCall.$Properties instead.
         */
        interface IOperatorCall extends meseta.v1.OperatorCall.$Properties {
        }

        /** Represents an OperatorCall. */
        class OperatorCall {

            /**
             * Constructs a new OperatorCall.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.OperatorCall.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OperatorCall type. */
            type: meseta.v1.OperatorCall.Type;

            /**
             * Creates a new OperatorCall instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OperatorCall instance
             */
            static create(properties: meseta.v1.OperatorCall.$Shape): meseta.v1.OperatorCall & meseta.v1.OperatorCall.$Shape;
            static create(properties?: meseta.v1.OperatorCall.$Properties): meseta.v1.OperatorCall;

            /**
             * Encodes the specified OperatorCall message. Does not implicitly {@link meseta.v1.OperatorCall.verify|verify} messages.
             * @param message OperatorCall message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.OperatorCall.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OperatorCall message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.OperatorCall & meseta.v1.OperatorCall.$Shape} OperatorCall
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.OperatorCall & meseta.v1.OperatorCall.$Shape;

            /**
             * Creates an OperatorCall message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OperatorCall
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.OperatorCall;

            /**
             * Creates a plain object from an OperatorCall message. Also converts values to other types if specified.
             * @param message OperatorCall
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.OperatorCall, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OperatorCall to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace OperatorCall {

            /** Properties of an OperatorCall. */
            interface $Properties {

                /** OperatorCall type */
                type?: (meseta.v1.OperatorCall.Type|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OperatorCall. */
            type $Shape = meseta.v1.OperatorCall.$Properties;

            /** Type enum. */
            enum Type {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** GET_HEALTH value */
                GET_HEALTH = 1,

                /** GET_VERSION value */
                GET_VERSION = 2,

                /** GET_METRICS value */
                GET_METRICS = 3,

                /** GET_STATE value */
                GET_STATE = 4,

                /** GET_AGENTS value */
                GET_AGENTS = 5,

                /** GET_FRAMEWORKS value */
                GET_FRAMEWORKS = 6,

                /** GET_TASKS value */
                GET_TASKS = 7,

                /** GET_ROLES value */
                GET_ROLES = 8,

                /** GET_OFFERS value */
                GET_OFFERS = 9
            }
        }

        /**
         * Properties of an AgentState.
         * @deprecated Use meseta.v1.AgentState.$Properties instead.
         */
        interface IAgentState extends meseta.v1.AgentState.$Properties {
        }

        /** Represents an AgentState. */
        class AgentState {

            /**
             * Constructs a new AgentState.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.AgentState.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AgentState agent_info. */
            agent_info?: (meseta.v1.AgentInfo.$Properties|null);

            /** AgentState status. */
            status: meseta.v1.AgentState.Status;

            /** AgentState registered_time. */
            registered_time: number;

            /** AgentState reregistered_time. */
            reregistered_time: number;

            /** AgentState unreachable_time. */
            unreachable_time: number;

            /** AgentState total_resources. */
            total_resources: meseta.v1.Resource.$Properties[];

            /** AgentState allocated_resources. */
            allocated_resources: meseta.v1.Resource.$Properties[];

            /** AgentState offered_resources. */
            offered_resources: meseta.v1.Resource.$Properties[];

            /** AgentState version. */
            version: string;

            /** AgentState address. */
            address?: (meseta.v1.Address.$Properties|null);

            /**
             * Creates a new AgentState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AgentState instance
             */
            static create(properties: meseta.v1.AgentState.$Shape): meseta.v1.AgentState & meseta.v1.AgentState.$Shape;
            static create(properties?: meseta.v1.AgentState.$Properties): meseta.v1.AgentState;

            /**
             * Encodes the specified AgentState message. Does not implicitly {@link meseta.v1.AgentState.verify|verify} messages.
             * @param message AgentState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.AgentState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AgentState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.AgentState & meseta.v1.AgentState.$Shape} AgentState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.AgentState & meseta.v1.AgentState.$Shape;

            /**
             * Creates an AgentState message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns AgentState
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.AgentState;

            /**
             * Creates a plain object from an AgentState message. Also converts values to other types if specified.
             * @param message AgentState
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.AgentState, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this AgentState to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace AgentState {

            /** Properties of an AgentState. */
            interface $Properties {

                /** AgentState agent_info */
                agent_info?: (meseta.v1.AgentInfo.$Properties|null);

                /** AgentState status */
                status?: (meseta.v1.AgentState.Status|null);

                /** AgentState registered_time */
                registered_time?: (number|null);

                /** AgentState reregistered_time */
                reregistered_time?: (number|null);

                /** AgentState unreachable_time */
                unreachable_time?: (number|null);

                /** AgentState total_resources */
                total_resources?: (meseta.v1.Resource.$Properties[]|null);

                /** AgentState allocated_resources */
                allocated_resources?: (meseta.v1.Resource.$Properties[]|null);

                /** AgentState offered_resources */
                offered_resources?: (meseta.v1.Resource.$Properties[]|null);

                /** AgentState version */
                version?: (string|null);

                /** AgentState address */
                address?: (meseta.v1.Address.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AgentState. */
            type $Shape = meseta.v1.AgentState.$Properties;

            /** Status enum. */
            enum Status {

                /** ACTIVE value */
                ACTIVE = 0,

                /** DISCONNECTED value */
                DISCONNECTED = 1,

                /** UNREACHABLE value */
                UNREACHABLE = 2,

                /** GONE value */
                GONE = 3
            }
        }

        /**
         * Properties of a FrameworkState.
         * @deprecated Use meseta.v1.FrameworkState.$Properties instead.
         */
        interface IFrameworkState extends meseta.v1.FrameworkState.$Properties {
        }

        /** Represents a FrameworkState. */
        class FrameworkState {

            /**
             * Constructs a new FrameworkState.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.FrameworkState.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** FrameworkState framework_info. */
            framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

            /** FrameworkState active. */
            active: boolean;

            /** FrameworkState connected. */
            connected: boolean;

            /** FrameworkState recovered. */
            recovered: boolean;

            /** FrameworkState registered_time. */
            registered_time: number;

            /** FrameworkState reregistered_time. */
            reregistered_time: number;

            /** FrameworkState unregistered_time. */
            unregistered_time: number;

            /** FrameworkState allocated_resources. */
            allocated_resources: meseta.v1.Resource.$Properties[];

            /** FrameworkState offered_resources. */
            offered_resources: meseta.v1.Resource.$Properties[];

            /** FrameworkState dominant_share. */
            dominant_share: number;

            /** FrameworkState suppressed. */
            suppressed: boolean;

            /** FrameworkState offers. */
            offers: meseta.v1.Offer.$Properties[];

            /** FrameworkState recent_declines. */
            recent_declines: meseta.v1.DeclineRecord.$Properties[];

            /** FrameworkState failover_deadline. */
            failover_deadline: number;

            /**
             * Creates a new FrameworkState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns FrameworkState instance
             */
            static create(properties: meseta.v1.FrameworkState.$Shape): meseta.v1.FrameworkState & meseta.v1.FrameworkState.$Shape;
            static create(properties?: meseta.v1.FrameworkState.$Properties): meseta.v1.FrameworkState;

            /**
             * Encodes the specified FrameworkState message. Does not implicitly {@link meseta.v1.FrameworkState.verify|verify} messages.
             * @param message FrameworkState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.FrameworkState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a FrameworkState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.FrameworkState & meseta.v1.FrameworkState.$Shape} FrameworkState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.FrameworkState & meseta.v1.FrameworkState.$Shape;

            /**
             * Creates a FrameworkState message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns FrameworkState
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.FrameworkState;

            /**
             * Creates a plain object from a FrameworkState message. Also converts values to other types if specified.
             * @param message FrameworkState
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.FrameworkState, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this FrameworkState to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace FrameworkState {

            /** Properties of a FrameworkState. */
            interface $Properties {

                /** FrameworkState framework_info */
                framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                /** FrameworkState active */
                active?: (boolean|null);

                /** FrameworkState connected */
                connected?: (boolean|null);

                /** FrameworkState recovered */
                recovered?: (boolean|null);

                /** FrameworkState registered_time */
                registered_time?: (number|null);

                /** FrameworkState reregistered_time */
                reregistered_time?: (number|null);

                /** FrameworkState unregistered_time */
                unregistered_time?: (number|null);

                /** FrameworkState allocated_resources */
                allocated_resources?: (meseta.v1.Resource.$Properties[]|null);

                /** FrameworkState offered_resources */
                offered_resources?: (meseta.v1.Resource.$Properties[]|null);

                /** FrameworkState dominant_share */
                dominant_share?: (number|null);

                /** FrameworkState suppressed */
                suppressed?: (boolean|null);

                /** FrameworkState offers */
                offers?: (meseta.v1.Offer.$Properties[]|null);

                /** FrameworkState recent_declines */
                recent_declines?: (meseta.v1.DeclineRecord.$Properties[]|null);

                /** FrameworkState failover_deadline */
                failover_deadline?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a FrameworkState. */
            type $Shape = meseta.v1.FrameworkState.$Properties;
        }

        /**
         * Properties of a DeclineRecord.
         * @deprecated Use meseta.v1.DeclineRecord.$Properties instead.
         */
        interface IDeclineRecord extends meseta.v1.DeclineRecord.$Properties {
        }

        /** Represents a DeclineRecord. */
        class DeclineRecord {

            /**
             * Constructs a new DeclineRecord.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.DeclineRecord.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DeclineRecord offer_id. */
            offer_id?: (meseta.v1.OfferID.$Properties|null);

            /** DeclineRecord agent_id. */
            agent_id?: (meseta.v1.AgentID.$Properties|null);

            /** DeclineRecord timestamp. */
            timestamp: number;

            /** DeclineRecord refuse_seconds. */
            refuse_seconds: number;

            /** DeclineRecord refusals. */
            refusals: meseta.v1.InsufficientResource.$Properties[];

            /**
             * Creates a new DeclineRecord instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DeclineRecord instance
             */
            static create(properties: meseta.v1.DeclineRecord.$Shape): meseta.v1.DeclineRecord & meseta.v1.DeclineRecord.$Shape;
            static create(properties?: meseta.v1.DeclineRecord.$Properties): meseta.v1.DeclineRecord;

            /**
             * Encodes the specified DeclineRecord message. Does not implicitly {@link meseta.v1.DeclineRecord.verify|verify} messages.
             * @param message DeclineRecord message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.DeclineRecord.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DeclineRecord message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.DeclineRecord & meseta.v1.DeclineRecord.$Shape} DeclineRecord
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.DeclineRecord & meseta.v1.DeclineRecord.$Shape;

            /**
             * Creates a DeclineRecord message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns DeclineRecord
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.DeclineRecord;

            /**
             * Creates a plain object from a DeclineRecord message. Also converts values to other types if specified.
             * @param message DeclineRecord
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.DeclineRecord, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this DeclineRecord to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace DeclineRecord {

            /** Properties of a DeclineRecord. */
            interface $Properties {

                /** DeclineRecord offer_id */
                offer_id?: (meseta.v1.OfferID.$Properties|null);

                /** DeclineRecord agent_id */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** DeclineRecord timestamp */
                timestamp?: (number|null);

                /** DeclineRecord refuse_seconds */
                refuse_seconds?: (number|null);

                /** DeclineRecord refusals */
                refusals?: (meseta.v1.InsufficientResource.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DeclineRecord. */
            type $Shape = meseta.v1.DeclineRecord.$Properties;
        }

        /**
         * Properties of a RoleState.
         * @deprecated Use meseta.v1.RoleState.$Properties instead.
         */
        interface IRoleState extends meseta.v1.RoleState.$Properties {
        }

        /** Represents a RoleState. */
        class RoleState {

            /**
             * Constructs a new RoleState.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.RoleState.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RoleState name. */
            name: string;

            /** RoleState weight. */
            weight: number;

            /** RoleState allocated_resources. */
            allocated_resources: meseta.v1.Resource.$Properties[];

            /** RoleState frameworks. */
            frameworks: meseta.v1.FrameworkID.$Properties[];

            /** RoleState dominant_share. */
            dominant_share: number;

            /**
             * Creates a new RoleState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RoleState instance
             */
            static create(properties: meseta.v1.RoleState.$Shape): meseta.v1.RoleState & meseta.v1.RoleState.$Shape;
            static create(properties?: meseta.v1.RoleState.$Properties): meseta.v1.RoleState;

            /**
             * Encodes the specified RoleState message. Does not implicitly {@link meseta.v1.RoleState.verify|verify} messages.
             * @param message RoleState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.RoleState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RoleState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.RoleState & meseta.v1.RoleState.$Shape} RoleState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.RoleState & meseta.v1.RoleState.$Shape;

            /**
             * Creates a RoleState message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns RoleState
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.RoleState;

            /**
             * Creates a plain object from a RoleState message. Also converts values to other types if specified.
             * @param message RoleState
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.RoleState, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this RoleState to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace RoleState {

            /** Properties of a RoleState. */
            interface $Properties {

                /** RoleState name */
                name?: (string|null);

                /** RoleState weight */
                weight?: (number|null);

                /** RoleState allocated_resources */
                allocated_resources?: (meseta.v1.Resource.$Properties[]|null);

                /** RoleState frameworks */
                frameworks?: (meseta.v1.FrameworkID.$Properties[]|null);

                /** RoleState dominant_share */
                dominant_share?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RoleState. */
            type $Shape = meseta.v1.RoleState.$Properties;
        }

        /**
         * Properties of a MetricsSnapshot.
         * @deprecated Use meseta.v1.MetricsSnapshot.$Properties instead.
         */
        interface IMetricsSnapshot extends meseta.v1.MetricsSnapshot.$Properties {
        }

        /** Represents a MetricsSnapshot. */
        class MetricsSnapshot {

            /**
             * Constructs a new MetricsSnapshot.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.MetricsSnapshot.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MetricsSnapshot metrics. */
            metrics: meseta.v1.MetricsSnapshot.Metric.$Properties[];

            /**
             * Creates a new MetricsSnapshot instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MetricsSnapshot instance
             */
            static create(properties: meseta.v1.MetricsSnapshot.$Shape): meseta.v1.MetricsSnapshot & meseta.v1.MetricsSnapshot.$Shape;
            static create(properties?: meseta.v1.MetricsSnapshot.$Properties): meseta.v1.MetricsSnapshot;

            /**
             * Encodes the specified MetricsSnapshot message. Does not implicitly {@link meseta.v1.MetricsSnapshot.verify|verify} messages.
             * @param message MetricsSnapshot message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.MetricsSnapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MetricsSnapshot message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.MetricsSnapshot & meseta.v1.MetricsSnapshot.$Shape} MetricsSnapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MetricsSnapshot & meseta.v1.MetricsSnapshot.$Shape;

            /**
             * Creates a MetricsSnapshot message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns MetricsSnapshot
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.MetricsSnapshot;

            /**
             * Creates a plain object from a MetricsSnapshot message. Also converts values to other types if specified.
             * @param message MetricsSnapshot
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.MetricsSnapshot, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this MetricsSnapshot to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace MetricsSnapshot {

            /** Properties of a MetricsSnapshot. */
            interface $Properties {

                /** MetricsSnapshot metrics */
                metrics?: (meseta.v1.MetricsSnapshot.Metric.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MetricsSnapshot. */
            type $Shape = meseta.v1.MetricsSnapshot.$Properties;

            /**
             * Properties of a Metric.
             * @deprecated Use meseta.v1.MetricsSnapshot.Metric.$Properties instead.
             */
            interface IMetric extends meseta.v1.MetricsSnapshot.Metric.$Properties {
            }

            /** Represents a Metric. */
            class Metric {

                /**
                 * Constructs a new Metric.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.MetricsSnapshot.Metric.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Metric name. */
                name: string;

                /** Metric value. */
                value: number;

                /** Metric help. */
                help: string;

                /**
                 * Creates a new Metric instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Metric instance
                 */
                static create(properties: meseta.v1.MetricsSnapshot.Metric.$Shape): meseta.v1.MetricsSnapshot.Metric & meseta.v1.MetricsSnapshot.Metric.$Shape;
                static create(properties?: meseta.v1.MetricsSnapshot.Metric.$Properties): meseta.v1.MetricsSnapshot.Metric;

                /**
                 * Encodes the specified Metric message. Does not implicitly {@link meseta.v1.MetricsSnapshot.Metric.verify|verify} messages.
                 * @param message Metric message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.MetricsSnapshot.Metric.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Metric message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.MetricsSnapshot.Metric & meseta.v1.MetricsSnapshot.Metric.$Shape} Metric
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.MetricsSnapshot.Metric & meseta.v1.MetricsSnapshot.Metric.$Shape;

                /**
                 * Creates a Metric message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Metric
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.MetricsSnapshot.Metric;

                /**
                 * Creates a plain object from a Metric message. Also converts values to other types if specified.
                 * @param message Metric
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.MetricsSnapshot.Metric, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Metric to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Metric {

                /** Properties of a Metric. */
                interface $Properties {

                    /** Metric name */
                    name?: (string|null);

                    /** Metric value */
                    value?: (number|null);

                    /** Metric help */
                    help?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Metric. */
                type $Shape = meseta.v1.MetricsSnapshot.Metric.$Properties;
            }
        }

        /**
         * Properties of a ClusterState.
         * @deprecated Use meseta.v1.ClusterState.$Properties instead.
         */
        interface IClusterState extends meseta.v1.ClusterState.$Properties {
        }

        /** Represents a ClusterState. */
        class ClusterState {

            /**
             * Constructs a new ClusterState.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.ClusterState.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ClusterState master_info. */
            master_info?: (meseta.v1.MasterInfo.$Properties|null);

            /** ClusterState start_time. */
            start_time: number;

            /** ClusterState elected_time. */
            elected_time: number;

            /** ClusterState agents. */
            agents: meseta.v1.AgentState.$Properties[];

            /** ClusterState frameworks. */
            frameworks: meseta.v1.FrameworkState.$Properties[];

            /** ClusterState completed_frameworks. */
            completed_frameworks: meseta.v1.FrameworkState.$Properties[];

            /** ClusterState tasks. */
            tasks: meseta.v1.Task.$Properties[];

            /** ClusterState completed_tasks. */
            completed_tasks: meseta.v1.Task.$Properties[];

            /** ClusterState offers. */
            offers: meseta.v1.Offer.$Properties[];

            /** ClusterState roles. */
            roles: meseta.v1.RoleState.$Properties[];

            /**
             * Creates a new ClusterState instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ClusterState instance
             */
            static create(properties: meseta.v1.ClusterState.$Shape): meseta.v1.ClusterState & meseta.v1.ClusterState.$Shape;
            static create(properties?: meseta.v1.ClusterState.$Properties): meseta.v1.ClusterState;

            /**
             * Encodes the specified ClusterState message. Does not implicitly {@link meseta.v1.ClusterState.verify|verify} messages.
             * @param message ClusterState message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.ClusterState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ClusterState message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.ClusterState & meseta.v1.ClusterState.$Shape} ClusterState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.ClusterState & meseta.v1.ClusterState.$Shape;

            /**
             * Creates a ClusterState message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns ClusterState
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.ClusterState;

            /**
             * Creates a plain object from a ClusterState message. Also converts values to other types if specified.
             * @param message ClusterState
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.ClusterState, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this ClusterState to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace ClusterState {

            /** Properties of a ClusterState. */
            interface $Properties {

                /** ClusterState master_info */
                master_info?: (meseta.v1.MasterInfo.$Properties|null);

                /** ClusterState start_time */
                start_time?: (number|null);

                /** ClusterState elected_time */
                elected_time?: (number|null);

                /** ClusterState agents */
                agents?: (meseta.v1.AgentState.$Properties[]|null);

                /** ClusterState frameworks */
                frameworks?: (meseta.v1.FrameworkState.$Properties[]|null);

                /** ClusterState completed_frameworks */
                completed_frameworks?: (meseta.v1.FrameworkState.$Properties[]|null);

                /** ClusterState tasks */
                tasks?: (meseta.v1.Task.$Properties[]|null);

                /** ClusterState completed_tasks */
                completed_tasks?: (meseta.v1.Task.$Properties[]|null);

                /** ClusterState offers */
                offers?: (meseta.v1.Offer.$Properties[]|null);

                /** ClusterState roles */
                roles?: (meseta.v1.RoleState.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ClusterState. */
            type $Shape = meseta.v1.ClusterState.$Properties;
        }

        /**
         * Properties of an OperatorResponse.
         * @deprecated Use meseta.v1.OperatorResponse.$Properties instead.
         */
        interface IOperatorResponse extends meseta.v1.OperatorResponse.$Properties {
        }

        /** Represents an OperatorResponse. */
        class OperatorResponse {

            /**
             * Constructs a new OperatorResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.OperatorResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OperatorResponse type. */
            type: meseta.v1.OperatorCall.Type;

            /** OperatorResponse healthy. */
            healthy: boolean;

            /** OperatorResponse version. */
            version: string;

            /** OperatorResponse metrics. */
            metrics?: (meseta.v1.MetricsSnapshot.$Properties|null);

            /** OperatorResponse state. */
            state?: (meseta.v1.ClusterState.$Properties|null);

            /**
             * Creates a new OperatorResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OperatorResponse instance
             */
            static create(properties: meseta.v1.OperatorResponse.$Shape): meseta.v1.OperatorResponse & meseta.v1.OperatorResponse.$Shape;
            static create(properties?: meseta.v1.OperatorResponse.$Properties): meseta.v1.OperatorResponse;

            /**
             * Encodes the specified OperatorResponse message. Does not implicitly {@link meseta.v1.OperatorResponse.verify|verify} messages.
             * @param message OperatorResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.OperatorResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OperatorResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.OperatorResponse & meseta.v1.OperatorResponse.$Shape} OperatorResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.OperatorResponse & meseta.v1.OperatorResponse.$Shape;

            /**
             * Creates an OperatorResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns OperatorResponse
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.OperatorResponse;

            /**
             * Creates a plain object from an OperatorResponse message. Also converts values to other types if specified.
             * @param message OperatorResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.OperatorResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this OperatorResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace OperatorResponse {

            /** Properties of an OperatorResponse. */
            interface $Properties {

                /** OperatorResponse type */
                type?: (meseta.v1.OperatorCall.Type|null);

                /** OperatorResponse healthy */
                healthy?: (boolean|null);

                /** OperatorResponse version */
                version?: (string|null);

                /** OperatorResponse metrics */
                metrics?: (meseta.v1.MetricsSnapshot.$Properties|null);

                /** OperatorResponse state */
                state?: (meseta.v1.ClusterState.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OperatorResponse. */
            type $Shape = meseta.v1.OperatorResponse.$Properties;
        }

        /** Represents an Operator */
        class Operator extends $protobuf.rpc.Service {

            /**
             * Constructs a new Operator service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new Operator service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Operator;

            /** Calls Call. */
            call: meseta.v1.Operator.Call;

            /** Calls Exec. */
            exec: meseta.v1.Operator.Exec;
        }

        namespace Operator {

            /**
             * Callback as used by {@link meseta.v1.Operator#call}.
             * @param error Error, if any
             * @param [response] OperatorResponse
             */
            type CallCallback = (error: (Error|null), response?: meseta.v1.OperatorResponse) => void;

            /** Calls Call. */
            type Call = {
              (request: meseta.v1.IOperatorCall, callback: meseta.v1.Operator.CallCallback): void;
              (request: meseta.v1.IOperatorCall): Promise<meseta.v1.OperatorResponse>;
              readonly name: "Call";
              readonly path: "/meseta.v1.Operator/Call";
              readonly requestType: "OperatorCall";
              readonly responseType: "OperatorResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };

            /**
             * Callback as used by {@link meseta.v1.Operator#exec}.
             * @param error Error, if any
             * @param [response] ExecOutput
             */
            type ExecCallback = (error: (Error|null), response?: meseta.v1.ExecOutput) => void;

            /** Calls Exec. */
            type Exec = {
              (request: meseta.v1.IExecInput, callback: meseta.v1.Operator.ExecCallback): void;
              (request: meseta.v1.IExecInput): Promise<meseta.v1.ExecOutput>;
              readonly name: "Exec";
              readonly path: "/meseta.v1.Operator/Exec";
              readonly requestType: "ExecInput";
              readonly responseType: "ExecOutput";
              readonly requestStream: true;
              readonly responseStream: true;
            };
        }

        /**
         * Properties of a Call.
         * @deprecated Use meseta.v1.Call.$Properties instead.
         */
        interface ICall extends meseta.v1.Call.$Properties {
        }

        /** Represents a Call. */
        class Call {

            /**
             * Constructs a new Call.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Call.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Call framework_id. */
            framework_id?: (meseta.v1.FrameworkID.$Properties|null);

            /** Call type. */
            type: meseta.v1.Call.Type;

            /** Call subscribe. */
            subscribe?: (meseta.v1.Call.Subscribe.$Properties|null);

            /** Call accept. */
            accept?: (meseta.v1.Call.Accept.$Properties|null);

            /** Call decline. */
            decline?: (meseta.v1.Call.Decline.$Properties|null);

            /** Call revive. */
            revive?: (meseta.v1.Call.Revive.$Properties|null);

            /** Call suppress. */
            suppress?: (meseta.v1.Call.Suppress.$Properties|null);

            /** Call kill. */
            kill?: (meseta.v1.Call.Kill.$Properties|null);

            /** Call shutdown. */
            shutdown?: (meseta.v1.Call.Shutdown.$Properties|null);

            /** Call acknowledge. */
            acknowledge?: (meseta.v1.Call.Acknowledge.$Properties|null);

            /** Call reconcile. */
            reconcile?: (meseta.v1.Call.Reconcile.$Properties|null);

            /** Call message. */
            message?: (meseta.v1.Call.Message.$Properties|null);

            /** Call acknowledgements. */
            acknowledgements: meseta.v1.Call.Acknowledge.$Properties[];

            /** Call stream_id. */
            stream_id: string;

            /**
             * Creates a new Call instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Call instance
             */
            static create(properties: meseta.v1.Call.$Shape): meseta.v1.Call & meseta.v1.Call.$Shape;
            static create(properties?: meseta.v1.Call.$Properties): meseta.v1.Call;

            /**
             * Encodes the specified Call message. Does not implicitly {@link meseta.v1.Call.verify|verify} messages.
             * @param message Call message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Call.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Call message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Call & meseta.v1.Call.$Shape} Call
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call & meseta.v1.Call.$Shape;

            /**
             * Creates a Call message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Call
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Call;

            /**
             * Creates a plain object from a Call message. Also converts values to other types if specified.
             * @param message Call
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Call, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Call to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Call {

            /** Properties of a Call. */
            interface $Properties {

                /** Call framework_id */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Call type */
                type?: (meseta.v1.Call.Type|null);

                /** Call subscribe */
                subscribe?: (meseta.v1.Call.Subscribe.$Properties|null);

                /** Call accept */
                accept?: (meseta.v1.Call.Accept.$Properties|null);

                /** Call decline */
                decline?: (meseta.v1.Call.Decline.$Properties|null);

                /** Call revive */
                revive?: (meseta.v1.Call.Revive.$Properties|null);

                /** Call suppress */
                suppress?: (meseta.v1.Call.Suppress.$Properties|null);

                /** Call kill */
                kill?: (meseta.v1.Call.Kill.$Properties|null);

                /** Call shutdown */
                shutdown?: (meseta.v1.Call.Shutdown.$Properties|null);

                /** Call acknowledge */
                acknowledge?: (meseta.v1.Call.Acknowledge.$Properties|null);

                /** Call reconcile */
                reconcile?: (meseta.v1.Call.Reconcile.$Properties|null);

                /** Call message */
                message?: (meseta.v1.Call.Message.$Properties|null);

                /** Call acknowledgements */
                acknowledgements?: (meseta.v1.Call.Acknowledge.$Properties[]|null);

                /** Call stream_id */
                stream_id?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Call. */
            type $Shape = meseta.v1.Call.$Properties;

            /** Type enum. */
            enum Type {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** SUBSCRIBE value */
                SUBSCRIBE = 1,

                /** TEARDOWN value */
                TEARDOWN = 2,

                /** ACCEPT value */
                ACCEPT = 3,

                /** DECLINE value */
                DECLINE = 4,

                /** REVIVE value */
                REVIVE = 5,

                /** KILL value */
                KILL = 6,

                /** SHUTDOWN value */
                SHUTDOWN = 7,

                /** ACKNOWLEDGE value */
                ACKNOWLEDGE = 8,

                /** RECONCILE value */
                RECONCILE = 9,

                /** MESSAGE value */
                MESSAGE = 10,

                /** REQUEST value */
                REQUEST = 11,

                /** SUPPRESS value */
                SUPPRESS = 12
            }

            /**
             * Properties of a Subscribe.
             * @deprecated Use meseta.v1.Call.Subscribe.$Properties instead.
             */
            interface ISubscribe extends meseta.v1.Call.Subscribe.$Properties {
            }

            /** Represents a Subscribe. */
            class Subscribe {

                /**
                 * Constructs a new Subscribe.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Subscribe.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Subscribe framework_info. */
                framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                /** Subscribe suppressed_roles. */
                suppressed_roles: string[];

                /**
                 * Creates a new Subscribe instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Subscribe instance
                 */
                static create(properties: meseta.v1.Call.Subscribe.$Shape): meseta.v1.Call.Subscribe & meseta.v1.Call.Subscribe.$Shape;
                static create(properties?: meseta.v1.Call.Subscribe.$Properties): meseta.v1.Call.Subscribe;

                /**
                 * Encodes the specified Subscribe message. Does not implicitly {@link meseta.v1.Call.Subscribe.verify|verify} messages.
                 * @param message Subscribe message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Subscribe.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Subscribe message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Subscribe & meseta.v1.Call.Subscribe.$Shape} Subscribe
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Subscribe & meseta.v1.Call.Subscribe.$Shape;

                /**
                 * Creates a Subscribe message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Subscribe
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Subscribe;

                /**
                 * Creates a plain object from a Subscribe message. Also converts values to other types if specified.
                 * @param message Subscribe
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Subscribe, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Subscribe to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Subscribe {

                /** Properties of a Subscribe. */
                interface $Properties {

                    /** Subscribe framework_info */
                    framework_info?: (meseta.v1.FrameworkInfo.$Properties|null);

                    /** Subscribe suppressed_roles */
                    suppressed_roles?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Subscribe. */
                type $Shape = meseta.v1.Call.Subscribe.$Properties;
            }

            /**
             * Properties of an Accept.
             * @deprecated Use meseta.v1.Call.Accept.$Properties instead.
             */
            interface IAccept extends meseta.v1.Call.Accept.$Properties {
            }

            /** Represents an Accept. */
            class Accept {

                /**
                 * Constructs a new Accept.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Accept.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Accept offer_ids. */
                offer_ids: meseta.v1.OfferID.$Properties[];

                /** Accept operations. */
                operations: meseta.v1.Offer.Operation.$Properties[];

                /** Accept filters. */
                filters?: (meseta.v1.Filters.$Properties|null);

                /**
                 * Creates a new Accept instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Accept instance
                 */
                static create(properties: meseta.v1.Call.Accept.$Shape): meseta.v1.Call.Accept & meseta.v1.Call.Accept.$Shape;
                static create(properties?: meseta.v1.Call.Accept.$Properties): meseta.v1.Call.Accept;

                /**
                 * Encodes the specified Accept message. Does not implicitly {@link meseta.v1.Call.Accept.verify|verify} messages.
                 * @param message Accept message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Accept.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Accept message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Accept & meseta.v1.Call.Accept.$Shape} Accept
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Accept & meseta.v1.Call.Accept.$Shape;

                /**
                 * Creates an Accept message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Accept
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Accept;

                /**
                 * Creates a plain object from an Accept message. Also converts values to other types if specified.
                 * @param message Accept
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Accept, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Accept to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Accept {

                /** Properties of an Accept. */
                interface $Properties {

                    /** Accept offer_ids */
                    offer_ids?: (meseta.v1.OfferID.$Properties[]|null);

                    /** Accept operations */
                    operations?: (meseta.v1.Offer.Operation.$Properties[]|null);

                    /** Accept filters */
                    filters?: (meseta.v1.Filters.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Accept. */
                type $Shape = meseta.v1.Call.Accept.$Properties;
            }

            /**
             * Properties of a Decline.
             * @deprecated Use meseta.v1.Call.Decline.$Properties instead.
             */
            interface IDecline extends meseta.v1.Call.Decline.$Properties {
            }

            /** Represents a Decline. */
            class Decline {

                /**
                 * Constructs a new Decline.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Decline.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Decline offer_ids. */
                offer_ids: meseta.v1.OfferID.$Properties[];

                /** Decline filters. */
                filters?: (meseta.v1.Filters.$Properties|null);

                /** Decline refusals. */
                refusals: meseta.v1.InsufficientResource.$Properties[];

                /**
                 * Creates a new Decline instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Decline instance
                 */
                static create(properties: meseta.v1.Call.Decline.$Shape): meseta.v1.Call.Decline & meseta.v1.Call.Decline.$Shape;
                static create(properties?: meseta.v1.Call.Decline.$Properties): meseta.v1.Call.Decline;

                /**
                 * Encodes the specified Decline message. Does not implicitly {@link meseta.v1.Call.Decline.verify|verify} messages.
                 * @param message Decline message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Decline.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Decline message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Decline & meseta.v1.Call.Decline.$Shape} Decline
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Decline & meseta.v1.Call.Decline.$Shape;

                /**
                 * Creates a Decline message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Decline
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Decline;

                /**
                 * Creates a plain object from a Decline message. Also converts values to other types if specified.
                 * @param message Decline
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Decline, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Decline to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Decline {

                /** Properties of a Decline. */
                interface $Properties {

                    /** Decline offer_ids */
                    offer_ids?: (meseta.v1.OfferID.$Properties[]|null);

                    /** Decline filters */
                    filters?: (meseta.v1.Filters.$Properties|null);

                    /** Decline refusals */
                    refusals?: (meseta.v1.InsufficientResource.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Decline. */
                type $Shape = meseta.v1.Call.Decline.$Properties;
            }

            /**
             * Properties of a Revive.
             * @deprecated Use meseta.v1.Call.Revive.$Properties instead.
             */
            interface IRevive extends meseta.v1.Call.Revive.$Properties {
            }

            /** Represents a Revive. */
            class Revive {

                /**
                 * Constructs a new Revive.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Revive.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Revive roles. */
                roles: string[];

                /**
                 * Creates a new Revive instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Revive instance
                 */
                static create(properties: meseta.v1.Call.Revive.$Shape): meseta.v1.Call.Revive & meseta.v1.Call.Revive.$Shape;
                static create(properties?: meseta.v1.Call.Revive.$Properties): meseta.v1.Call.Revive;

                /**
                 * Encodes the specified Revive message. Does not implicitly {@link meseta.v1.Call.Revive.verify|verify} messages.
                 * @param message Revive message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Revive.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Revive message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Revive & meseta.v1.Call.Revive.$Shape} Revive
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Revive & meseta.v1.Call.Revive.$Shape;

                /**
                 * Creates a Revive message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Revive
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Revive;

                /**
                 * Creates a plain object from a Revive message. Also converts values to other types if specified.
                 * @param message Revive
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Revive, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Revive to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Revive {

                /** Properties of a Revive. */
                interface $Properties {

                    /** Revive roles */
                    roles?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Revive. */
                type $Shape = meseta.v1.Call.Revive.$Properties;
            }

            /**
             * Properties of a Suppress.
             * @deprecated Use meseta.v1.Call.Suppress.$Properties instead.
             */
            interface ISuppress extends meseta.v1.Call.Suppress.$Properties {
            }

            /** Represents a Suppress. */
            class Suppress {

                /**
                 * Constructs a new Suppress.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Suppress.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Suppress roles. */
                roles: string[];

                /**
                 * Creates a new Suppress instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Suppress instance
                 */
                static create(properties: meseta.v1.Call.Suppress.$Shape): meseta.v1.Call.Suppress & meseta.v1.Call.Suppress.$Shape;
                static create(properties?: meseta.v1.Call.Suppress.$Properties): meseta.v1.Call.Suppress;

                /**
                 * Encodes the specified Suppress message. Does not implicitly {@link meseta.v1.Call.Suppress.verify|verify} messages.
                 * @param message Suppress message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Suppress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Suppress message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Suppress & meseta.v1.Call.Suppress.$Shape} Suppress
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Suppress & meseta.v1.Call.Suppress.$Shape;

                /**
                 * Creates a Suppress message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Suppress
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Suppress;

                /**
                 * Creates a plain object from a Suppress message. Also converts values to other types if specified.
                 * @param message Suppress
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Suppress, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Suppress to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Suppress {

                /** Properties of a Suppress. */
                interface $Properties {

                    /** Suppress roles */
                    roles?: (string[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Suppress. */
                type $Shape = meseta.v1.Call.Suppress.$Properties;
            }

            /**
             * Properties of a Kill.
             * @deprecated Use meseta.v1.Call.Kill.$Properties instead.
             */
            interface IKill extends meseta.v1.Call.Kill.$Properties {
            }

            /** Represents a Kill. */
            class Kill {

                /**
                 * Constructs a new Kill.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Kill.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Kill task_id. */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** Kill agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Kill kill_policy. */
                kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                /**
                 * Creates a new Kill instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Kill instance
                 */
                static create(properties: meseta.v1.Call.Kill.$Shape): meseta.v1.Call.Kill & meseta.v1.Call.Kill.$Shape;
                static create(properties?: meseta.v1.Call.Kill.$Properties): meseta.v1.Call.Kill;

                /**
                 * Encodes the specified Kill message. Does not implicitly {@link meseta.v1.Call.Kill.verify|verify} messages.
                 * @param message Kill message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Kill.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Kill message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Kill & meseta.v1.Call.Kill.$Shape} Kill
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Kill & meseta.v1.Call.Kill.$Shape;

                /**
                 * Creates a Kill message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Kill
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Kill;

                /**
                 * Creates a plain object from a Kill message. Also converts values to other types if specified.
                 * @param message Kill
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Kill, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Kill to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Kill {

                /** Properties of a Kill. */
                interface $Properties {

                    /** Kill task_id */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Kill agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Kill kill_policy */
                    kill_policy?: (meseta.v1.KillPolicy.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Kill. */
                type $Shape = meseta.v1.Call.Kill.$Properties;
            }

            /**
             * Properties of a Shutdown.
             * @deprecated Use meseta.v1.Call.Shutdown.$Properties instead.
             */
            interface IShutdown extends meseta.v1.Call.Shutdown.$Properties {
            }

            /** Represents a Shutdown. */
            class Shutdown {

                /**
                 * Constructs a new Shutdown.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Shutdown.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Shutdown executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Shutdown agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /**
                 * Creates a new Shutdown instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Shutdown instance
                 */
                static create(properties: meseta.v1.Call.Shutdown.$Shape): meseta.v1.Call.Shutdown & meseta.v1.Call.Shutdown.$Shape;
                static create(properties?: meseta.v1.Call.Shutdown.$Properties): meseta.v1.Call.Shutdown;

                /**
                 * Encodes the specified Shutdown message. Does not implicitly {@link meseta.v1.Call.Shutdown.verify|verify} messages.
                 * @param message Shutdown message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Shutdown.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Shutdown message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Shutdown & meseta.v1.Call.Shutdown.$Shape} Shutdown
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Shutdown & meseta.v1.Call.Shutdown.$Shape;

                /**
                 * Creates a Shutdown message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Shutdown
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Shutdown;

                /**
                 * Creates a plain object from a Shutdown message. Also converts values to other types if specified.
                 * @param message Shutdown
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Shutdown, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Shutdown to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Shutdown {

                /** Properties of a Shutdown. */
                interface $Properties {

                    /** Shutdown executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** Shutdown agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Shutdown. */
                type $Shape = meseta.v1.Call.Shutdown.$Properties;
            }

            /**
             * Properties of an Acknowledge.
             * @deprecated Use meseta.v1.Call.Acknowledge.$Properties instead.
             */
            interface IAcknowledge extends meseta.v1.Call.Acknowledge.$Properties {
            }

            /** Represents an Acknowledge. */
            class Acknowledge {

                /**
                 * Constructs a new Acknowledge.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Acknowledge.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Acknowledge agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Acknowledge task_id. */
                task_id?: (meseta.v1.TaskID.$Properties|null);

                /** Acknowledge uuid. */
                uuid: Uint8Array;

                /**
                 * Creates a new Acknowledge instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Acknowledge instance
                 */
                static create(properties: meseta.v1.Call.Acknowledge.$Shape): meseta.v1.Call.Acknowledge & meseta.v1.Call.Acknowledge.$Shape;
                static create(properties?: meseta.v1.Call.Acknowledge.$Properties): meseta.v1.Call.Acknowledge;

                /**
                 * Encodes the specified Acknowledge message. Does not implicitly {@link meseta.v1.Call.Acknowledge.verify|verify} messages.
                 * @param message Acknowledge message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Acknowledge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Acknowledge message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Acknowledge & meseta.v1.Call.Acknowledge.$Shape} Acknowledge
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Acknowledge & meseta.v1.Call.Acknowledge.$Shape;

                /**
                 * Creates an Acknowledge message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Acknowledge
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Acknowledge;

                /**
                 * Creates a plain object from an Acknowledge message. Also converts values to other types if specified.
                 * @param message Acknowledge
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Acknowledge, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Acknowledge to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Acknowledge {

                /** Properties of an Acknowledge. */
                interface $Properties {

                    /** Acknowledge agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Acknowledge task_id */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Acknowledge uuid */
                    uuid?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Acknowledge. */
                type $Shape = meseta.v1.Call.Acknowledge.$Properties;
            }

            /**
             * Properties of a Reconcile.
             * @deprecated Use meseta.v1.Call.Reconcile.$Properties instead.
             */
            interface IReconcile extends meseta.v1.Call.Reconcile.$Properties {
            }

            /** Represents a Reconcile. */
            class Reconcile {

                /**
                 * Constructs a new Reconcile.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Reconcile.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Reconcile tasks. */
                tasks: meseta.v1.Call.Reconcile.Task.$Properties[];

                /**
                 * Creates a new Reconcile instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Reconcile instance
                 */
                static create(properties: meseta.v1.Call.Reconcile.$Shape): meseta.v1.Call.Reconcile & meseta.v1.Call.Reconcile.$Shape;
                static create(properties?: meseta.v1.Call.Reconcile.$Properties): meseta.v1.Call.Reconcile;

                /**
                 * Encodes the specified Reconcile message. Does not implicitly {@link meseta.v1.Call.Reconcile.verify|verify} messages.
                 * @param message Reconcile message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Reconcile.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Reconcile message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Reconcile & meseta.v1.Call.Reconcile.$Shape} Reconcile
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Reconcile & meseta.v1.Call.Reconcile.$Shape;

                /**
                 * Creates a Reconcile message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Reconcile
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Reconcile;

                /**
                 * Creates a plain object from a Reconcile message. Also converts values to other types if specified.
                 * @param message Reconcile
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Reconcile, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Reconcile to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Reconcile {

                /** Properties of a Reconcile. */
                interface $Properties {

                    /** Reconcile tasks */
                    tasks?: (meseta.v1.Call.Reconcile.Task.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Reconcile. */
                type $Shape = meseta.v1.Call.Reconcile.$Properties;

                /**
                 * Properties of a Task.
                 * @deprecated Use meseta.v1.Call.Reconcile.Task.$Properties instead.
                 */
                interface ITask extends meseta.v1.Call.Reconcile.Task.$Properties {
                }

                /** Represents a Task. */
                class Task {

                    /**
                     * Constructs a new Task.
                     * @param [properties] Properties to set
                     */
                    constructor(properties?: meseta.v1.Call.Reconcile.Task.$Properties);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];

                    /** Task task_id. */
                    task_id?: (meseta.v1.TaskID.$Properties|null);

                    /** Task agent_id. */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /**
                     * Creates a new Task instance using the specified properties.
                     * @param [properties] Properties to set
                     * @returns Task instance
                     */
                    static create(properties: meseta.v1.Call.Reconcile.Task.$Shape): meseta.v1.Call.Reconcile.Task & meseta.v1.Call.Reconcile.Task.$Shape;
                    static create(properties?: meseta.v1.Call.Reconcile.Task.$Properties): meseta.v1.Call.Reconcile.Task;

                    /**
                     * Encodes the specified Task message. Does not implicitly {@link meseta.v1.Call.Reconcile.Task.verify|verify} messages.
                     * @param message Task message or plain object to encode
                     * @param [writer] Writer to encode to
                     * @returns Writer
                     */
                    static encode(message: meseta.v1.Call.Reconcile.Task.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                    /**
                     * Decodes a Task message from the specified reader or buffer.
                     * @param reader Reader or buffer to decode from
                     * @param [length] Message length if known beforehand
                     * @returns {meseta.v1.Call.Reconcile.Task & meseta.v1.Call.Reconcile.Task.$Shape} Task
                     * @throws {Error} If the payload is not a reader or valid buffer
                     * @throws {$protobuf.util.ProtocolError} If required fields are missing
                     */
                    static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Reconcile.Task & meseta.v1.Call.Reconcile.Task.$Shape;

                    /**
                     * Creates a Task message from a plain object. Also converts values to their respective internal types.
                     * @param object Plain object
                     * @returns Task
                     */
                    static fromObject(object: { [k: string]: any }): meseta.v1.Call.Reconcile.Task;

                    /**
                     * Creates a plain object from a Task message. Also converts values to other types if specified.
                     * @param message Task
                     * @param [options] Conversion options
                     * @returns Plain object
                     */
                    static toObject(message: meseta.v1.Call.Reconcile.Task, options?: $protobuf.IConversionOptions): { [k: string]: any };

                    /**
                     * Converts this Task to JSON.
                     * @returns JSON object
                     */
                    toJSON(): { [k: string]: any };
                }

                namespace Task {

                    /** Properties of a Task. */
                    interface $Properties {

                        /** Task task_id */
                        task_id?: (meseta.v1.TaskID.$Properties|null);

                        /** Task agent_id */
                        agent_id?: (meseta.v1.AgentID.$Properties|null);

                        /** Unknown fields preserved while decoding when enabled */
                        $unknowns?: Uint8Array[];
                    }

                    /** Shape of a Task. */
                    type $Shape = meseta.v1.Call.Reconcile.Task.$Properties;
                }
            }

            /**
             * Properties of a Message.
             * @deprecated Use meseta.v1.Call.Message.$Properties instead.
             */
            interface IMessage extends meseta.v1.Call.Message.$Properties {
            }

            /** Represents a Message. */
            class Message {

                /**
                 * Constructs a new Message.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Call.Message.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Message agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Message executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Message data. */
                data: Uint8Array;

                /**
                 * Creates a new Message instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Message instance
                 */
                static create(properties: meseta.v1.Call.Message.$Shape): meseta.v1.Call.Message & meseta.v1.Call.Message.$Shape;
                static create(properties?: meseta.v1.Call.Message.$Properties): meseta.v1.Call.Message;

                /**
                 * Encodes the specified Message message. Does not implicitly {@link meseta.v1.Call.Message.verify|verify} messages.
                 * @param message Message message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Call.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Message message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Call.Message & meseta.v1.Call.Message.$Shape} Message
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Call.Message & meseta.v1.Call.Message.$Shape;

                /**
                 * Creates a Message message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Message
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Call.Message;

                /**
                 * Creates a plain object from a Message message. Also converts values to other types if specified.
                 * @param message Message
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Call.Message, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Message to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Message {

                /** Properties of a Message. */
                interface $Properties {

                    /** Message agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Message executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** Message data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Message. */
                type $Shape = meseta.v1.Call.Message.$Properties;
            }
        }

        /**
         * Properties of an Event.
         * @deprecated Use meseta.v1.Event.$Properties instead.
         */
        interface IEvent extends meseta.v1.Event.$Properties {
        }

        /** Represents an Event. */
        class Event {

            /**
             * Constructs a new Event.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.Event.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Event type. */
            type: meseta.v1.Event.Type;

            /** Event subscribed. */
            subscribed?: (meseta.v1.Event.Subscribed.$Properties|null);

            /** Event offers. */
            offers?: (meseta.v1.Event.Offers.$Properties|null);

            /** Event rescind. */
            rescind?: (meseta.v1.Event.Rescind.$Properties|null);

            /** Event update. */
            update?: (meseta.v1.Event.Update.$Properties|null);

            /** Event message. */
            message?: (meseta.v1.Event.Message.$Properties|null);

            /** Event failure. */
            failure?: (meseta.v1.Event.Failure.$Properties|null);

            /** Event error. */
            error?: (meseta.v1.Event.Error.$Properties|null);

            /**
             * Creates a new Event instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Event instance
             */
            static create(properties: meseta.v1.Event.$Shape): meseta.v1.Event & meseta.v1.Event.$Shape;
            static create(properties?: meseta.v1.Event.$Properties): meseta.v1.Event;

            /**
             * Encodes the specified Event message. Does not implicitly {@link meseta.v1.Event.verify|verify} messages.
             * @param message Event message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.Event & meseta.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event & meseta.v1.Event.$Shape;

            /**
             * Creates an Event message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns Event
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.Event;

            /**
             * Creates a plain object from an Event message. Also converts values to other types if specified.
             * @param message Event
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.Event, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this Event to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace Event {

            /** Properties of an Event. */
            interface $Properties {

                /** Event type */
                type?: (meseta.v1.Event.Type|null);

                /** Event subscribed */
                subscribed?: (meseta.v1.Event.Subscribed.$Properties|null);

                /** Event offers */
                offers?: (meseta.v1.Event.Offers.$Properties|null);

                /** Event rescind */
                rescind?: (meseta.v1.Event.Rescind.$Properties|null);

                /** Event update */
                update?: (meseta.v1.Event.Update.$Properties|null);

                /** Event message */
                message?: (meseta.v1.Event.Message.$Properties|null);

                /** Event failure */
                failure?: (meseta.v1.Event.Failure.$Properties|null);

                /** Event error */
                error?: (meseta.v1.Event.Error.$Properties|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Event. */
            type $Shape = meseta.v1.Event.$Properties;

            /** Type enum. */
            enum Type {

                /** UNKNOWN value */
                UNKNOWN = 0,

                /** SUBSCRIBED value */
                SUBSCRIBED = 1,

                /** OFFERS value */
                OFFERS = 2,

                /** RESCIND value */
                RESCIND = 3,

                /** UPDATE value */
                UPDATE = 4,

                /** MESSAGE value */
                MESSAGE = 5,

                /** FAILURE value */
                FAILURE = 6,

                /** ERROR value */
                ERROR = 7,

                /** HEARTBEAT value */
                HEARTBEAT = 8
            }

            /**
             * Properties of a Subscribed.
             * @deprecated Use meseta.v1.Event.Subscribed.$Properties instead.
             */
            interface ISubscribed extends meseta.v1.Event.Subscribed.$Properties {
            }

            /** Represents a Subscribed. */
            class Subscribed {

                /**
                 * Constructs a new Subscribed.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Subscribed.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Subscribed framework_id. */
                framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                /** Subscribed heartbeat_interval_seconds. */
                heartbeat_interval_seconds: number;

                /** Subscribed master_info. */
                master_info?: (meseta.v1.MasterInfo.$Properties|null);

                /** Subscribed stream_id. */
                stream_id: string;

                /**
                 * Creates a new Subscribed instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Subscribed instance
                 */
                static create(properties: meseta.v1.Event.Subscribed.$Shape): meseta.v1.Event.Subscribed & meseta.v1.Event.Subscribed.$Shape;
                static create(properties?: meseta.v1.Event.Subscribed.$Properties): meseta.v1.Event.Subscribed;

                /**
                 * Encodes the specified Subscribed message. Does not implicitly {@link meseta.v1.Event.Subscribed.verify|verify} messages.
                 * @param message Subscribed message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Subscribed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Subscribed message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Subscribed & meseta.v1.Event.Subscribed.$Shape} Subscribed
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Subscribed & meseta.v1.Event.Subscribed.$Shape;

                /**
                 * Creates a Subscribed message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Subscribed
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Subscribed;

                /**
                 * Creates a plain object from a Subscribed message. Also converts values to other types if specified.
                 * @param message Subscribed
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Subscribed, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Subscribed to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Subscribed {

                /** Properties of a Subscribed. */
                interface $Properties {

                    /** Subscribed framework_id */
                    framework_id?: (meseta.v1.FrameworkID.$Properties|null);

                    /** Subscribed heartbeat_interval_seconds */
                    heartbeat_interval_seconds?: (number|null);

                    /** Subscribed master_info */
                    master_info?: (meseta.v1.MasterInfo.$Properties|null);

                    /** Subscribed stream_id */
                    stream_id?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Subscribed. */
                type $Shape = meseta.v1.Event.Subscribed.$Properties;
            }

            /**
             * Properties of an Offers.
             * @deprecated Use meseta.v1.Event.Offers.$Properties instead.
             */
            interface IOffers extends meseta.v1.Event.Offers.$Properties {
            }

            /** Represents an Offers. */
            class Offers {

                /**
                 * Constructs a new Offers.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Offers.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Offers offers. */
                offers: meseta.v1.Offer.$Properties[];

                /**
                 * Creates a new Offers instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Offers instance
                 */
                static create(properties: meseta.v1.Event.Offers.$Shape): meseta.v1.Event.Offers & meseta.v1.Event.Offers.$Shape;
                static create(properties?: meseta.v1.Event.Offers.$Properties): meseta.v1.Event.Offers;

                /**
                 * Encodes the specified Offers message. Does not implicitly {@link meseta.v1.Event.Offers.verify|verify} messages.
                 * @param message Offers message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Offers.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Offers message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Offers & meseta.v1.Event.Offers.$Shape} Offers
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Offers & meseta.v1.Event.Offers.$Shape;

                /**
                 * Creates an Offers message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Offers
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Offers;

                /**
                 * Creates a plain object from an Offers message. Also converts values to other types if specified.
                 * @param message Offers
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Offers, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Offers to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Offers {

                /** Properties of an Offers. */
                interface $Properties {

                    /** Offers offers */
                    offers?: (meseta.v1.Offer.$Properties[]|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Offers. */
                type $Shape = meseta.v1.Event.Offers.$Properties;
            }

            /**
             * Properties of a Rescind.
             * @deprecated Use meseta.v1.Event.Rescind.$Properties instead.
             */
            interface IRescind extends meseta.v1.Event.Rescind.$Properties {
            }

            /** Represents a Rescind. */
            class Rescind {

                /**
                 * Constructs a new Rescind.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Rescind.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Rescind offer_id. */
                offer_id?: (meseta.v1.OfferID.$Properties|null);

                /**
                 * Creates a new Rescind instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Rescind instance
                 */
                static create(properties: meseta.v1.Event.Rescind.$Shape): meseta.v1.Event.Rescind & meseta.v1.Event.Rescind.$Shape;
                static create(properties?: meseta.v1.Event.Rescind.$Properties): meseta.v1.Event.Rescind;

                /**
                 * Encodes the specified Rescind message. Does not implicitly {@link meseta.v1.Event.Rescind.verify|verify} messages.
                 * @param message Rescind message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Rescind.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Rescind message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Rescind & meseta.v1.Event.Rescind.$Shape} Rescind
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Rescind & meseta.v1.Event.Rescind.$Shape;

                /**
                 * Creates a Rescind message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Rescind
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Rescind;

                /**
                 * Creates a plain object from a Rescind message. Also converts values to other types if specified.
                 * @param message Rescind
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Rescind, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Rescind to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Rescind {

                /** Properties of a Rescind. */
                interface $Properties {

                    /** Rescind offer_id */
                    offer_id?: (meseta.v1.OfferID.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Rescind. */
                type $Shape = meseta.v1.Event.Rescind.$Properties;
            }

            /**
             * Properties of an Update.
             * @deprecated Use meseta.v1.Event.Update.$Properties instead.
             */
            interface IUpdate extends meseta.v1.Event.Update.$Properties {
            }

            /** Represents an Update. */
            class Update {

                /**
                 * Constructs a new Update.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Update.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Update status. */
                status?: (meseta.v1.TaskStatus.$Properties|null);

                /**
                 * Creates a new Update instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Update instance
                 */
                static create(properties: meseta.v1.Event.Update.$Shape): meseta.v1.Event.Update & meseta.v1.Event.Update.$Shape;
                static create(properties?: meseta.v1.Event.Update.$Properties): meseta.v1.Event.Update;

                /**
                 * Encodes the specified Update message. Does not implicitly {@link meseta.v1.Event.Update.verify|verify} messages.
                 * @param message Update message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Update.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Update message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Update & meseta.v1.Event.Update.$Shape} Update
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Update & meseta.v1.Event.Update.$Shape;

                /**
                 * Creates an Update message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Update
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Update;

                /**
                 * Creates a plain object from an Update message. Also converts values to other types if specified.
                 * @param message Update
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Update, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Update to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Update {

                /** Properties of an Update. */
                interface $Properties {

                    /** Update status */
                    status?: (meseta.v1.TaskStatus.$Properties|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Update. */
                type $Shape = meseta.v1.Event.Update.$Properties;
            }

            /**
             * Properties of a Message.
             * @deprecated Use meseta.v1.Event.Message.$Properties instead.
             */
            interface IMessage extends meseta.v1.Event.Message.$Properties {
            }

            /** Represents a Message. */
            class Message {

                /**
                 * Constructs a new Message.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Message.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Message agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Message executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Message data. */
                data: Uint8Array;

                /**
                 * Creates a new Message instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Message instance
                 */
                static create(properties: meseta.v1.Event.Message.$Shape): meseta.v1.Event.Message & meseta.v1.Event.Message.$Shape;
                static create(properties?: meseta.v1.Event.Message.$Properties): meseta.v1.Event.Message;

                /**
                 * Encodes the specified Message message. Does not implicitly {@link meseta.v1.Event.Message.verify|verify} messages.
                 * @param message Message message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Message message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Message & meseta.v1.Event.Message.$Shape} Message
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Message & meseta.v1.Event.Message.$Shape;

                /**
                 * Creates a Message message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Message
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Message;

                /**
                 * Creates a plain object from a Message message. Also converts values to other types if specified.
                 * @param message Message
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Message, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Message to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Message {

                /** Properties of a Message. */
                interface $Properties {

                    /** Message agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Message executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** Message data */
                    data?: (Uint8Array|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Message. */
                type $Shape = meseta.v1.Event.Message.$Properties;
            }

            /**
             * Properties of a Failure.
             * @deprecated Use meseta.v1.Event.Failure.$Properties instead.
             */
            interface IFailure extends meseta.v1.Event.Failure.$Properties {
            }

            /** Represents a Failure. */
            class Failure {

                /**
                 * Constructs a new Failure.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Failure.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Failure agent_id. */
                agent_id?: (meseta.v1.AgentID.$Properties|null);

                /** Failure executor_id. */
                executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                /** Failure status. */
                status: number;

                /**
                 * Creates a new Failure instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Failure instance
                 */
                static create(properties: meseta.v1.Event.Failure.$Shape): meseta.v1.Event.Failure & meseta.v1.Event.Failure.$Shape;
                static create(properties?: meseta.v1.Event.Failure.$Properties): meseta.v1.Event.Failure;

                /**
                 * Encodes the specified Failure message. Does not implicitly {@link meseta.v1.Event.Failure.verify|verify} messages.
                 * @param message Failure message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Failure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes a Failure message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Failure & meseta.v1.Event.Failure.$Shape} Failure
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Failure & meseta.v1.Event.Failure.$Shape;

                /**
                 * Creates a Failure message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Failure
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Failure;

                /**
                 * Creates a plain object from a Failure message. Also converts values to other types if specified.
                 * @param message Failure
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Failure, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Failure to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Failure {

                /** Properties of a Failure. */
                interface $Properties {

                    /** Failure agent_id */
                    agent_id?: (meseta.v1.AgentID.$Properties|null);

                    /** Failure executor_id */
                    executor_id?: (meseta.v1.ExecutorID.$Properties|null);

                    /** Failure status */
                    status?: (number|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of a Failure. */
                type $Shape = meseta.v1.Event.Failure.$Properties;
            }

            /**
             * Properties of an Error.
             * @deprecated Use meseta.v1.Event.Error.$Properties instead.
             */
            interface IError extends meseta.v1.Event.Error.$Properties {
            }

            /** Represents an Error. */
            class Error {

                /**
                 * Constructs a new Error.
                 * @param [properties] Properties to set
                 */
                constructor(properties?: meseta.v1.Event.Error.$Properties);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];

                /** Error message. */
                message: string;

                /**
                 * Creates a new Error instance using the specified properties.
                 * @param [properties] Properties to set
                 * @returns Error instance
                 */
                static create(properties: meseta.v1.Event.Error.$Shape): meseta.v1.Event.Error & meseta.v1.Event.Error.$Shape;
                static create(properties?: meseta.v1.Event.Error.$Properties): meseta.v1.Event.Error;

                /**
                 * Encodes the specified Error message. Does not implicitly {@link meseta.v1.Event.Error.verify|verify} messages.
                 * @param message Error message or plain object to encode
                 * @param [writer] Writer to encode to
                 * @returns Writer
                 */
                static encode(message: meseta.v1.Event.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

                /**
                 * Decodes an Error message from the specified reader or buffer.
                 * @param reader Reader or buffer to decode from
                 * @param [length] Message length if known beforehand
                 * @returns {meseta.v1.Event.Error & meseta.v1.Event.Error.$Shape} Error
                 * @throws {Error} If the payload is not a reader or valid buffer
                 * @throws {$protobuf.util.ProtocolError} If required fields are missing
                 */
                static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.Event.Error & meseta.v1.Event.Error.$Shape;

                /**
                 * Creates an Error message from a plain object. Also converts values to their respective internal types.
                 * @param object Plain object
                 * @returns Error
                 */
                static fromObject(object: { [k: string]: any }): meseta.v1.Event.Error;

                /**
                 * Creates a plain object from an Error message. Also converts values to other types if specified.
                 * @param message Error
                 * @param [options] Conversion options
                 * @returns Plain object
                 */
                static toObject(message: meseta.v1.Event.Error, options?: $protobuf.IConversionOptions): { [k: string]: any };

                /**
                 * Converts this Error to JSON.
                 * @returns JSON object
                 */
                toJSON(): { [k: string]: any };
            }

            namespace Error {

                /** Properties of an Error. */
                interface $Properties {

                    /** Error message */
                    message?: (string|null);

                    /** Unknown fields preserved while decoding when enabled */
                    $unknowns?: Uint8Array[];
                }

                /** Shape of an Error. */
                type $Shape = meseta.v1.Event.Error.$Properties;
            }
        }

        /**
         * Properties of an EventBatch.
         * @deprecated Use meseta.v1.EventBatch.$Properties instead.
         */
        interface IEventBatch extends meseta.v1.EventBatch.$Properties {
        }

        /** Represents an EventBatch. */
        class EventBatch {

            /**
             * Constructs a new EventBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.EventBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EventBatch events. */
            events: meseta.v1.Event.$Properties[];

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EventBatch instance
             */
            static create(properties: meseta.v1.EventBatch.$Shape): meseta.v1.EventBatch & meseta.v1.EventBatch.$Shape;
            static create(properties?: meseta.v1.EventBatch.$Properties): meseta.v1.EventBatch;

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link meseta.v1.EventBatch.verify|verify} messages.
             * @param message EventBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.EventBatch & meseta.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.EventBatch & meseta.v1.EventBatch.$Shape;

            /**
             * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns EventBatch
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.EventBatch;

            /**
             * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
             * @param message EventBatch
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.EventBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this EventBatch to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace EventBatch {

            /** Properties of an EventBatch. */
            interface $Properties {

                /** EventBatch events */
                events?: (meseta.v1.Event.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EventBatch. */
            type $Shape = meseta.v1.EventBatch.$Properties;
        }

        /**
         * Properties of a CallResponse.
         * @deprecated Use meseta.v1.CallResponse.$Properties instead.
         */
        interface ICallResponse extends meseta.v1.CallResponse.$Properties {
        }

        /** Represents a CallResponse. */
        class CallResponse {

            /**
             * Constructs a new CallResponse.
             * @param [properties] Properties to set
             */
            constructor(properties?: meseta.v1.CallResponse.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /**
             * Creates a new CallResponse instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CallResponse instance
             */
            static create(properties: meseta.v1.CallResponse.$Shape): meseta.v1.CallResponse & meseta.v1.CallResponse.$Shape;
            static create(properties?: meseta.v1.CallResponse.$Properties): meseta.v1.CallResponse;

            /**
             * Encodes the specified CallResponse message. Does not implicitly {@link meseta.v1.CallResponse.verify|verify} messages.
             * @param message CallResponse message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: meseta.v1.CallResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CallResponse message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {meseta.v1.CallResponse & meseta.v1.CallResponse.$Shape} CallResponse
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): meseta.v1.CallResponse & meseta.v1.CallResponse.$Shape;

            /**
             * Creates a CallResponse message from a plain object. Also converts values to their respective internal types.
             * @param object Plain object
             * @returns CallResponse
             */
            static fromObject(object: { [k: string]: any }): meseta.v1.CallResponse;

            /**
             * Creates a plain object from a CallResponse message. Also converts values to other types if specified.
             * @param message CallResponse
             * @param [options] Conversion options
             * @returns Plain object
             */
            static toObject(message: meseta.v1.CallResponse, options?: $protobuf.IConversionOptions): { [k: string]: any };

            /**
             * Converts this CallResponse to JSON.
             * @returns JSON object
             */
            toJSON(): { [k: string]: any };
        }

        namespace CallResponse {

            /** Properties of a CallResponse. */
            interface $Properties {

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CallResponse. */
            type $Shape = meseta.v1.CallResponse.$Properties;
        }

        /** Represents a Scheduler */
        class Scheduler extends $protobuf.rpc.Service {

            /**
             * Constructs a new Scheduler service.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             */
            constructor(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean);

            /**
             * Creates new Scheduler service using the specified rpc implementation.
             * @param rpcImpl RPC implementation
             * @param [requestDelimited=false] Whether requests are length-delimited
             * @param [responseDelimited=false] Whether responses are length-delimited
             * @returns RPC service. Useful where requests and/or responses are streamed.
             */
            static create(rpcImpl: $protobuf.RPCImpl, requestDelimited?: boolean, responseDelimited?: boolean): Scheduler;

            /** Calls Subscribe. */
            subscribe: meseta.v1.Scheduler.Subscribe;

            /** Calls Call. */
            call: meseta.v1.Scheduler.Call;
        }

        namespace Scheduler {

            /**
             * Callback as used by {@link meseta.v1.Scheduler#subscribe}.
             * @param error Error, if any
             * @param [response] EventBatch
             */
            type SubscribeCallback = (error: (Error|null), response?: meseta.v1.EventBatch) => void;

            /** Calls Subscribe. */
            type Subscribe = {
              (request: meseta.v1.ICall, callback: meseta.v1.Scheduler.SubscribeCallback): void;
              (request: meseta.v1.ICall): Promise<meseta.v1.EventBatch>;
              readonly name: "Subscribe";
              readonly path: "/meseta.v1.Scheduler/Subscribe";
              readonly requestType: "Call";
              readonly responseType: "EventBatch";
              readonly requestStream: undefined;
              readonly responseStream: true;
            };

            /**
             * Callback as used by {@link meseta.v1.Scheduler#call}.
             * @param error Error, if any
             * @param [response] CallResponse
             */
            type CallCallback = (error: (Error|null), response?: meseta.v1.CallResponse) => void;

            /** Calls Call. */
            type Call = {
              (request: meseta.v1.ICall, callback: meseta.v1.Scheduler.CallCallback): void;
              (request: meseta.v1.ICall): Promise<meseta.v1.CallResponse>;
              readonly name: "Call";
              readonly path: "/meseta.v1.Scheduler/Call";
              readonly requestType: "Call";
              readonly responseType: "CallResponse";
              readonly requestStream: undefined;
              readonly responseStream: undefined;
            };
        }
    }
}
